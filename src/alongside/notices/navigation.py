"""This domain's item in the service navigation: "Notices", with how many are unread."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.accounts.actor import Actor
from alongside.govuk.navigation import Audience, NavEntry, register
from alongside.notices import selectors


def _unread(actor: Actor) -> int:
    return selectors.unread_count(person_id=actor.person_id) if actor.person_id else 0


def register_navigation() -> None:
    # Before "My account" (90): what is new for you comes first among your own things.
    register(
        NavEntry(_("Notices"), "notices:my-notices", Audience.SIGNED_IN, order=85, badge=_unread)
    )
