"""The service navigation, as items each domain registers for itself.

The toolkit knows no domain's URLs: a domain adds its items in its ``AppConfig.ready`` and the
shell shows those the person may use. Items are ordered by ``order``, then by registration.
An item may carry a ``badge``: a count of new things for the person (unread notices, say), shown
beside its text; it is asked only for items the person sees, once per page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple

from django.urls import reverse
from django.utils.functional import Promise


class Audience(Enum):
    ANONYMOUS = "anonymous"  # visitors who are not signed in
    SIGNED_IN = "signed_in"  # anyone signed in, whatever their roles
    ORGANISATION = "organisation"  # signed in, on a page of an organisation they may use
    EVERYONE = "everyone"


@dataclass(frozen=True)
class NavEntry:
    text: str | Promise
    url_name: str
    audience: Audience
    # A policy action code: shown only to those it allows (for ORGANISATION items, in that
    # organisation). Empty for items everyone in the audience sees.
    action: str = ""
    order: int = 50
    # How many new things the item leads to, for the actor (0: no badge). Keep it to one
    # query: it runs on every page the item shows on.
    badge: Callable[[Any], int] | None = None


class NavItem(NamedTuple):
    text: str
    href: str
    badge: int = 0


_entries: list[NavEntry] = []
_default_organisation: list[Callable[[Any], Any]] = []


def register(entry: NavEntry) -> None:
    """Add an item once; registering the same URL name again replaces it (app reloads)."""
    _entries[:] = [e for e in _entries if e.url_name != entry.url_name]
    _entries.append(entry)


def set_default_organisation(resolve: Callable[[Any], Any]) -> None:
    """Which organisation's items to show on pages outside any organisation (for example to
    staff of exactly one organisation); ``resolve`` gets the actor and returns one or None."""
    _default_organisation[:] = [resolve]


def default_organisation(actor: Any) -> Any:
    return _default_organisation[0](actor) if _default_organisation else None


def entries() -> list[NavEntry]:
    return sorted(_entries, key=lambda e: e.order)


def items_for(
    *,
    signed_in: bool,
    organisation_slug: str | None,
    allows: Callable[[str], bool],
    actor: Any = None,
) -> list[NavItem]:
    """The items this person sees; ``allows`` asks the policy about one action in the
    organisation of the page (or anywhere, for items outside an organisation). Badges are
    counted for ``actor``; without one, none is shown."""
    shown: list[NavItem] = []
    for entry in entries():
        args: list[Any] = []
        if entry.audience is Audience.ANONYMOUS and signed_in:
            continue
        if entry.audience in (Audience.SIGNED_IN, Audience.ORGANISATION) and not signed_in:
            continue
        if entry.audience is Audience.ORGANISATION:
            if organisation_slug is None:
                continue
            args = [organisation_slug]
        if entry.action and not allows(entry.action):
            continue
        badge = entry.badge(actor) if entry.badge is not None and actor is not None else 0
        shown.append(NavItem(str(entry.text), reverse(entry.url_name, args=args), badge))
    return shown
