"""A young person's own credits in the service navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.credits.rules import OWN_CREDITS
from alongside.govuk.navigation import Audience, NavEntry, register


def register_navigation() -> None:
    register(
        NavEntry(_("Your credits"), "credits:mine", Audience.ORGANISATION, OWN_CREDITS.name, 30)
    )
