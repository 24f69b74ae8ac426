"""Themes and answers in the service navigation (staff of an organisation)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.govuk.navigation import Audience, NavEntry, register
from alongside.voice import rules


def register_navigation_answers() -> None:
    register(
        NavEntry(_("Themes"), "voice:theme-list", Audience.ORGANISATION, rules.THEME_VIEW.name, 45)
    )
