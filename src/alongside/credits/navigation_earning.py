"""Earning's entries in the service navigation: workers approve credits, admins set the rules,
young people read how they earn."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.credits.rules import CREDITS_APPROVE, CREDITS_MANAGE, OWN_CREDITS
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
    register(
        NavEntry(
            _("Credit rules"), "credits:earn-rules", Audience.ORGANISATION, CREDITS_MANAGE.name, 35
        )
    )
    register(
        NavEntry(
            _("How you earn credits"),
            "credits:earn-how",
            Audience.ORGANISATION,
            OWN_CREDITS.name,
            36,
        )
    )
