"""A clerk runs a board meeting on a phone: the quorum tag follows who is here, a vote while
the meeting is not quorate is refused in the tag's words, and once it is quorate the motion
is carried and becomes a decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.governance.models import AgendaItem, Motion
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
from tests.system.conftest import (
    DESKTOP,
    PHONE,
    click,
    follow,
    heading,
    screenshot,
    signed_in,
    submit,
)
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _here(page: Any, name: str) -> None:
    click(page, page.get_by_role("button", name=f"Here {name}", exact=True))


def _tag(page: Any) -> str:
    return page.locator("#quorum").inner_text()


def test_a_vote_is_refused_until_the_meeting_is_quorate_then_carried(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a board of two young people (Sky chairs) and two officers, needing three voting
    # members with as many young people as officers, and its meeting planned
    board = BoardFactory(organisation=organisation, name="Riverside Youth Board")
    for name, constituency, role in [
        ("Sky", Constituency.YOUNG_PERSON, "chair"),
        ("Ash", Constituency.YOUNG_PERSON, "member"),
        ("Officer One", Constituency.PROFESSIONAL, "member"),
        ("Officer Two", Constituency.PROFESSIONAL, "member"),
    ]:
        seat_for(board, constituency, role=role, display_name=name)
    meeting = MeetingFactory(board=board, title="Autumn meeting")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Saturday opening")
    clerk = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(PHONE)
    signed_in(page, clerk)

    # When the clerk finds the meeting from Boards and starts it
    page.get_by_role("button", name="Menu").click()
    follow(page, "Boards")
    follow(page, "Riverside Youth Board")
    follow(page, "Autumn meeting")
    follow(page, "Start the meeting")
    submit(page, "Start the meeting")
    assert heading(page) == "Who is here"

    # And marks Sky and both officers here
    for name in ("Sky", "Officer One", "Officer Two"):
        _here(page, name)
    # Then the tag says exactly who is missing
    assert _tag(page) == "Not quorate: needs 1 more young person or resident"
    assert_fits(page)
    screenshot(page, "attendance-phone")

    # When a motion is proposed and the clerk tries to record the vote
    follow(page, "Back to the meeting")
    follow(page, "Record a motion")
    page.get_by_label("Which agenda item is it on?").select_option(label="Saturday opening")
    page.get_by_label("What does the motion say?").fill("That the club opens on Saturdays")
    page.get_by_label("Who proposed it?").select_option(label="Sky")
    page.get_by_label("Who seconded it?").select_option(label="Officer One")
    submit(page, "Record the motion")
    assert heading(page) == "Record the vote"
    page.get_by_label("How many voted for it?").fill("3")
    page.get_by_label("How many voted against it?").fill("0")
    page.get_by_label("How many abstained?").fill("0")
    page.get_by_label("If it is carried, what changes because of it?").fill(
        "The club opens on Saturdays from next month."
    )
    submit(page, "Record the vote")
    # Then it is refused, in the tag's words, and the motion is still waiting
    assert page.title().startswith("Error: ")
    assert (
        "It needs 1 more young person or resident"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert Motion.objects.get().status == Motion.Status.PROPOSED

    # When Ash arrives and the vote is recorded again
    page.goto(page.url.split("/motions/")[0] + "/who-is-here/")
    _here(page, "Ash")
    assert _tag(page) == "Quorate"
    page.set_viewport_size(DESKTOP)
    screenshot(page, "attendance-desktop")
    page.set_viewport_size(PHONE)
    follow(page, "Back to the meeting")
    follow(page, "Record the vote")
    for label, count in [("for", "4"), ("against", "0")]:
        page.get_by_label(f"How many voted {label} it?").fill(count)
    page.get_by_label("How many abstained?").fill("0")
    page.get_by_label("If it is carried, what changes because of it?").fill(
        "The club opens on Saturdays from next month."
    )
    submit(page, "Record the vote")
    # Then it is carried, and the meeting page links its decision
    assert "The motion was carried" in page.locator(".govuk-notification-banner").inner_text()
    follow(page, "See the decision and what it answers")
    assert "That the club opens on Saturdays" in heading(page)
