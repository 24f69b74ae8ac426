"""A clerk finishes a board meeting and writes its minutes from the draft made from the record,
the board's next meeting approves them by a motion, the clerk publishes them, and a young
member reads them, all on a phone."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.governance.models import Meeting, Minutes, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
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

MOTION = "That the youth club opens on Saturdays"
SAID = "Sky said young people have nowhere to go at the weekend."


def _started(meeting: Meeting, clerk: Any, people: list[Any]) -> Meeting:
    meeting = attendance.meeting_open(actor=clerk, meeting=meeting)
    for person in people:
        attendance.attendance_mark(actor=clerk, meeting=meeting, person=person, status="present")
    return meeting


def test_a_clerk_writes_the_minutes_the_next_meeting_approves_them_and_a_member_reads_them(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given the Riverside Youth Board's March meeting is under way with all four members
    # here, and has carried a motion
    board = BoardFactory(organisation=organisation, name="Riverside Youth Board")
    people = [
        seat_for(board, constituency, role=role, display_name=name).holder
        for name, constituency, role in [
            ("Sky", Constituency.YOUNG_PERSON, "chair"),
            ("Ash", Constituency.YOUNG_PERSON, "member"),
            ("Officer One", Constituency.PROFESSIONAL, "member"),
            ("Officer Two", Constituency.PROFESSIONAL, "member"),
        ]
    ]
    sky, ash, officer = people[0], people[1], people[2]
    clerk = factories.person_with_role(Role.WORKER, organisation, display_name="Clerk")
    as_clerk = factories.actor(clerk)
    march = _started(
        MeetingFactory(
            board=board,
            title="March meeting",
            starts_at=timezone.now() - dt.timedelta(days=30),
        ),
        as_clerk,
        people,
    )
    carried = motions.motion_propose(
        actor=as_clerk,
        meeting=march,
        text=MOTION,
        proposer=sky,
        seconder=officer,
        idempotency_key=uuid.uuid4(),
    )
    motions.motion_decide(
        actor=as_clerk,
        motion=carried,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(4, 0, 0),
        what_changes="The club opens on Saturdays.",
    )
    page = new_page(PHONE)
    signed_in(page, as_clerk.person)

    # When the clerk finishes the meeting from its page
    visit(page, reverse("governance:meeting-detail", args=[organisation.slug, march.public_id]))
    follow(page, "Finish the meeting")
    submit(page, "Finish the meeting")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Meeting finished.")

    # And opens "Write the minutes": the page starts them from the record
    follow(page, "Write the minutes")
    assert heading(page) == "Write the minutes"
    body = page.get_by_label("Minutes", exact=True)
    drafted = body.input_value()
    assert "Present: Sky, Ash, Officer One, Officer Two" in drafted
    assert f"{MOTION}\nCarried: for 4, against 0, abstained 0." in drafted
    screenshot(page, "minutes-prefilled")
    body.fill(drafted + "\n\n" + SAID)
    submit(page, "Save the draft")
    # Then the minutes are a draft only staff who run meetings can see
    assert heading(page) == "Minutes"
    expect(page.locator("main")).to_contain_text("Draft: not yet approved")
    expect(page.locator("main")).to_contain_text(SAID)
    assert_fits(page)
    screenshot(page, "minutes-draft")

    # Given the board's April meeting has started, with everyone here (so it is quorate)
    _started(
        MeetingFactory(board=board, title="April meeting", starts_at=timezone.now()),
        as_clerk,
        people,
    )

    # When the clerk goes from the March meeting to the board, then to the April meeting,
    # and records a motion that approves the March minutes
    follow(page, "March meeting")
    follow(page, "Riverside Youth Board")
    follow(page, "April meeting")
    follow(page, "Record a motion")
    page.get_by_label("What does the motion say?").fill(
        "That the minutes of the March meeting are a true record"
    )
    page.get_by_label("Who proposed it?").select_option(label="Ash")
    page.get_by_label("Who seconded it?").select_option(label="Officer One")
    page.get_by_label("Does it approve the minutes of an earlier meeting?").select_option(
        label="Minutes of March meeting"
    )
    screenshot(page, "motion-approves-minutes")
    submit(page, "Record the motion")
    # And records the vote
    assert heading(page) == "Record the vote"
    page.get_by_label("How many voted for it?").fill("4")
    page.get_by_label("How many voted against it?").fill("0")
    page.get_by_label("How many abstained?").fill("0")
    # A carried motion must say what changes, even one that only approves minutes
    page.get_by_label("If it is carried, what changes because of it?").fill(
        "The minutes of the March meeting are agreed."
    )
    submit(page, "Record the vote")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The motion was carried")
    screenshot(page, "after-the-vote")
    minutes = Minutes.objects.get(meeting=march)
    assert minutes.status == Minutes.Status.APPROVED

    # When the clerk goes back to the March minutes (the page they land on links only to
    # decisions, so by the menu) and publishes them
    page.get_by_role("button", name="Menu").click()
    follow(page, "Boards")
    follow(page, "Riverside Youth Board")
    follow(page, "March meeting")
    follow(page, "Read the minutes")
    expect(page.locator("main")).to_contain_text("Approved: not yet published")
    follow(page, "Publish the minutes")
    submit(page, "Publish the minutes")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Minutes published.")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED

    # Then Ash, a young member, finds them from their home page and reads them
    member = new_page(PHONE)
    signed_in(member, ash)
    follow(member, "Riverside Youth Board")
    follow(member, "March meeting")
    follow(member, "Read the minutes")
    assert heading(member) == "Minutes"
    expect(member.locator("main")).to_contain_text("Published on")
    expect(member.locator("main")).to_contain_text(SAID)
    expect(member.locator("main")).not_to_contain_text("Draft")
    assert_fits(member)
    screenshot(member, "member-reads-minutes")
