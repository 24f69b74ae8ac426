"""The navigation registry's badges (govuk/navigation.py): a count beside an item, asked only
for items the person sees, and only when there is someone to count for."""

from __future__ import annotations

import pytest

from alongside.govuk import navigation
from alongside.govuk.navigation import Audience, NavEntry, NavItem


@pytest.fixture
def only(monkeypatch):
    """Run with these entries in the registry instead of the real ones."""

    def use(*entries: NavEntry) -> None:
        monkeypatch.setattr(navigation, "_entries", list(entries))

    return use


def items(*, signed_in: bool = True, actor: object = "someone") -> list[NavItem]:
    return navigation.items_for(
        signed_in=signed_in, organisation_slug=None, allows=lambda action: False, actor=actor
    )


def test_an_item_with_a_badge_carries_its_count(only):
    only(NavEntry("Notices", "notices:my-notices", Audience.SIGNED_IN, badge=lambda a: 3))
    assert items() == [NavItem("Notices", "/my/notices/", 3)]


def test_items_without_a_badge_have_none(only):
    only(NavEntry("Home", "home:index", Audience.EVERYONE))
    assert items() == [NavItem("Home", "/", 0)]


def test_a_badge_is_never_asked_for_an_item_the_person_does_not_see(only):
    asked: list[object] = []
    only(
        NavEntry(
            "Notices",
            "notices:my-notices",
            Audience.SIGNED_IN,
            badge=lambda a: asked.append(a) or 1,
        ),
        NavEntry("Hidden", "home:index", Audience.SIGNED_IN, action="x", badge=asked.append),
    )
    # Not signed in: the item is not shown, so nobody is counted
    assert items(signed_in=False, actor=None) == []
    # Signed in: only the shown item is counted, once, for this actor
    assert items(actor="sam") == [NavItem("Notices", "/my/notices/", 1)]
    assert asked == ["sam"]


def test_without_an_actor_no_badge_is_counted(only):
    only(NavEntry("Notices", "notices:my-notices", Audience.SIGNED_IN, badge=lambda a: 1 / 0))
    assert items(actor=None) == [NavItem("Notices", "/my/notices/", 0)]


def test_the_shell_shows_a_badge_as_a_tag_read_out_as_new(rf, only):
    from alongside.govuk.context_processors import shell

    only(NavEntry("Notices", "notices:my-notices", Audience.SIGNED_IN, badge=lambda a: 2))

    class Someone:
        is_authenticated = True
        is_staff = False

    request = rf.get("/")
    request.actor = Someone()
    (item,) = shell(request)["navigation"]
    assert item["html"] == (
        'Notices <strong class="govuk-tag govuk-tag--red alongside-nav-badge">2'
        '<span class="govuk-visually-hidden"> new</span></strong>'
    )
