"""Boards in the service navigation: every member of an organisation may see its boards."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.governance.rules import BOARD_VIEW
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    register(
        NavEntry(_("Boards"), "governance:board-list", Audience.ORGANISATION, BOARD_VIEW.name, 28)
    )
