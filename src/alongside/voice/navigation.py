"""This domain's items in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.govuk.navigation import Audience, NavEntry, register
from alongside.voice import rules


def register_navigation() -> None:
    for entry in (
        NavEntry(
            _("Contributions"),
            "voice:contribution-list",
            Audience.ORGANISATION,
            rules.CONTRIBUTION_VIEW.name,
            40,
        ),
        # >>> themes and answers: navigation items below this line
        # <<< themes and answers
    ):
        register(entry)
