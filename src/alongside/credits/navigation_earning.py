"""Earning in the service navigation: one entry, for staff who approve credits. The rest of
earning is reached from it (claims, rules, pots) or, for young people, from "Your credits"."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.credits.rules import CREDITS_APPROVE
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    register(
        NavEntry(
            _("Credits to approve"),
            "credits:earn-approve-list",
            Audience.ORGANISATION,
            CREDITS_APPROVE.name,
            34,
        )
    )
