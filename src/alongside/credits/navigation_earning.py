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
            _("Credit rules"), "credits:earn-rules", Audience.ORGANISATION, CREDITS_MANAGE.name, 37
        )
    )
    register(
        NavEntry(
            _("Claims to decide"),
            "credits:earn-claims-review",
            Audience.ORGANISATION,
            CREDITS_APPROVE.name,
            35,
        )
    )
    # "How you earn credits" is linked from here; the lead's "My credits" may take this over.
    register(
        NavEntry(
            _("Your claims"),
            "credits:earn-claims-mine",
            Audience.ORGANISATION,
            OWN_CREDITS.name,
            36,
        )
    )
    register(
        NavEntry(
            _("Give credits"), "credits:earn-gift", Audience.ORGANISATION, OWN_CREDITS.name, 38
        )
    )
    register(
        NavEntry(_("Pots"), "credits:earn-pots", Audience.ORGANISATION, CREDITS_MANAGE.name, 39)
    )
