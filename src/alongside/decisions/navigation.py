"""This domain's items in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.decisions import rules
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    register(
        NavEntry(
            _("Decisions"),
            "decisions:decision-list",
            Audience.ORGANISATION,
            rules.DECISION_RECORD.name,
            60,
        )
    )
    register(
        NavEntry(
            _("What happened to what I said"),
            "decisions:what-happened",
            Audience.SIGNED_IN,
            rules.OWN_WHAT_HAPPENED.name,
            85,
        )
    )
