"""This domain's items in the service navigation: leads see their concerns, and those who may
raise a concern (workers, admins) see where to raise one."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.govuk.navigation import Audience, NavEntry, register
from alongside.safeguarding import rules


def register_navigation() -> None:
    for entry in (
        NavEntry(
            _("Safeguarding"),
            "safeguarding:concern-list",
            Audience.ORGANISATION,
            rules.CONCERN_HANDLE.name,
            60,
        ),
        NavEntry(
            _("Raise a concern"),
            "safeguarding:concern-raise",
            Audience.ORGANISATION,
            rules.CONCERN_RAISE.name,
            75,
        ),
    ):
        register(entry)
