"""The reward partner's one page in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.credits.rules import VOUCHER_CHECK
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    register(
        NavEntry(
            _("Check a voucher"),
            "credits:voucher-check",
            Audience.ORGANISATION,
            VOUCHER_CHECK.name,
            30,
        )
    )
