"""The sessions part's item in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.govuk.navigation import Audience, NavEntry, register
from alongside.initiatives import rules


def register_navigation() -> None:
    register(
        NavEntry(
            _("Sessions"),
            "initiatives:sessions-to-record",
            Audience.ORGANISATION,
            rules.SESSION_RECORD.name,
            25,
        )
    )
