"""A clerk plans a board meeting on a phone: its date, time and place, two agenda items and a
paper, then publishes the papers; a young member reads the paper from the meeting page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.governance.models import GlossaryTerm, Meeting
from alongside.governance.models.boards import Constituency
from tests import factories
from tests.governance.factories import BoardFactory, seat_for
from tests.system.conftest import (
    PHONE,
    follow,
    heading,
    screenshot,
    signed_in,
    submit,
    visit,
)
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAIN = "Should the youth club open on Saturdays? It would cost £4,000 a year."
BODY = (
    "The youth club is open three evenings a week.\n\n"
    "Opening on Saturdays needs two more youth workers. The board can decide this if the "
    "meeting has a quorum."
)


def _add_item(page: Any, title: str, summary: str) -> None:
    follow(page, "Add an item")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("What is it about, in plain words? (optional)").fill(summary)
    submit(page, "Add the item")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Item added.")


def test_a_clerk_plans_a_meeting_and_publishes_its_paper_and_a_member_reads_it(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given the Riverside Youth Board, with Ash as a young member, and a glossary that
    # explains "quorum"
    board = BoardFactory(organisation=organisation, name="Riverside Youth Board")
    ash = seat_for(board, Constituency.YOUNG_PERSON, display_name="Ash").holder
    seat_for(board, Constituency.PROFESSIONAL, display_name="Officer One")
    GlossaryTerm.objects.create(
        organisation=organisation,
        term="quorum",
        meaning="How many people must be there for the board to decide.",
    )
    clerk = factories.person_with_role(Role.WORKER, organisation, display_name="Clerk")
    day = timezone.localdate() + dt.timedelta(days=14)
    page = new_page(PHONE)
    signed_in(page, clerk)

    # When the clerk plans a meeting from the board page
    visit(page, reverse("governance:board-detail", args=[organisation.slug, board.public_id]))
    follow(page, "Plan a meeting")
    page.get_by_label("What is the meeting called?").fill("Saturday meeting")
    page.get_by_label("Day", exact=True).fill(str(day.day))
    page.get_by_label("Month", exact=True).fill(str(day.month))
    page.get_by_label("Year", exact=True).fill(str(day.year))
    page.get_by_label("What time does it start?").fill("6:30pm")
    page.get_by_label("Where is it?").fill("Riverside Youth Centre, upstairs room")
    page.get_by_label("No", exact=True).check()
    screenshot(page, "plan")
    submit(page, "Plan the meeting")
    # Then they are on its agenda, asked to write it
    assert heading(page) == "Agenda"
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting planned.")
    meeting = Meeting.objects.get(board=board)
    local = timezone.localtime(meeting.starts_at)
    assert (local.date(), local.hour, local.minute) == (day, 18, 30)

    # When they add two items
    _add_item(page, "Saturday opening", "Should the club open on Saturdays? We will vote.")
    _add_item(page, "Any other business", "Anything else members want to talk about.")
    cards = page.locator(".govuk-summary-card__title")
    expect(cards).to_have_text(["1. Saturday opening", "2. Any other business"])
    assert_fits(page)
    screenshot(page, "agenda")

    # And add a paper
    follow(page, "The meeting's papers")
    follow(page, "Add a paper")
    page.get_by_label("Title", exact=True).fill("Opening on Saturdays")
    page.get_by_label("What does it say, in plain words?").fill(PLAIN)
    page.get_by_label("The paper", exact=True).fill(BODY)
    submit(page, "Add the paper")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Members can read it once you publish the papers."
    )
    expect(page.locator("main")).to_contain_text("Not published yet")

    # And publish the papers
    follow(page, "All the meeting's papers")
    follow(page, "Publish the papers")
    submit(page, "Publish the papers")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Papers published.")
    screenshot(page, "papers-published")

    # Then Ash finds the meeting from their home page and reads the paper from its page
    member = new_page(PHONE)
    signed_in(member, ash)
    follow(member, "Riverside Youth Board")
    follow(member, "Saturday meeting")
    expect(member.locator("main")).to_contain_text("Saturday opening")
    screenshot(member, "meeting")
    follow(member, "Read the papers")
    follow(member, "Opening on Saturdays")
    assert heading(member) == "Opening on Saturdays"
    main = member.locator("main")
    expect(main).to_contain_text(PLAIN)
    expect(main).to_contain_text("The youth club is open three evenings a week.")
    expect(main).to_contain_text("How many people must be there for the board to decide.")
    expect(main).not_to_contain_text("Not published yet")
    assert_fits(member)
    screenshot(member, "paper")
