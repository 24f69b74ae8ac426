"""This domain's items in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.accounts import rules as account_rules
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    # Every member may see initiatives, but the menu item is for staff: the staff overview
    # action is held by exactly the staff roles.
    register(
        NavEntry(
            _("Initiatives"),
            "initiatives:initiative-list",
            Audience.ORGANISATION,
            account_rules.STAFF_DASHBOARD.name,
            24,
        )
    )
