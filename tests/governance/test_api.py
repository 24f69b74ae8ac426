"""Governance in the API and the calendar feed: boards with their seats counted and never
named, public meetings only, and a vote recorded from a clerk's token refused while the
meeting is not quorate, exactly as the page refuses it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from alongside.accounts import services as account_services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import AuditEvent
from alongside.decisions.models import Decision
from alongside.governance.models import Meeting, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests.governance.factories import BoardFactory, MeetingFactory, seat_for
from tests.governance.factories_meetings import meeting_in_progress, motion_waiting

pytestmark = pytest.mark.django_db

VOTE = {"votes_for": 3, "votes_against": 1, "abstentions": 0, "what_changes": "It opens."}


def _token(admin: Person, organisation: Organisation) -> str:
    _made, secret = account_services.api_token_create(
        actor=actor_for_person(admin), organisation=organisation, name="Clerk's tablet"
    )
    return secret


def _vote(organisation: Organisation, motion: Motion, token: str, body: dict[str, Any]) -> Any:
    url = (
        f"/api/v1/organisations/{organisation.slug}/meetings/{motion.meeting.public_id}"
        f"/motions/{motion.public_id}/vote"
    )
    return Client().post(
        url, body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_boards_are_listed_with_their_rule_and_seats_counted_never_named(organisation):
    board = BoardFactory(organisation=organisation, quorum_minimum=4, quorum_young_chair=True)
    chair = seat_for(board, Constituency.YOUNG_PERSON, role="chair", display_name="Skylark")
    seat_for(board, Constituency.PROFESSIONAL, display_name="Officer Heron")
    seat_for(board, Constituency.RESIDENT, role="observer")
    response = Client().get(f"/api/v1/organisations/{organisation.slug}/boards")
    assert response.status_code == 200
    [found] = response.json()["items"]
    assert found["id"] == str(board.public_id)
    assert found["rule"]["minimum_present"] == 4
    assert found["rule"]["chair_is_young_person"] is True
    assert found["rule"]["in_words"]
    # The observer's seat has no vote, so it is not counted
    assert found["seats"] == {"young_person": 1, "resident": 0, "professional": 1, "filled": 2}
    assert chair.holder is not None
    assert "Skylark" not in response.content.decode()
    assert "Heron" not in response.content.decode()


def test_only_public_meetings_are_listed_with_what_they_decided(
    organisation, django_assert_max_num_queries
):
    room = meeting_in_progress(organisation=organisation)
    Meeting.objects.filter(pk=room.meeting.pk).update(is_public=True)
    motion = motion_waiting(room)
    motions.motion_decide(
        actor=room.clerk,
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(3, 1, 0),
        what_changes="The club opens on Saturdays.",
    )
    private = MeetingFactory(board=room.board, title="Private planning meeting")
    url = f"/api/v1/organisations/{organisation.slug}/meetings"
    with django_assert_max_num_queries(5):
        items = Client().get(url).json()["items"]
    assert [m["id"] for m in items] == [str(room.meeting.public_id)]
    assert items[0]["decisions"] == [
        {"id": str(Decision.objects.get().public_id), "title": motion.text}
    ]
    assert private.title not in str(items)
    # As public meetings grow, the queries stay the same
    for n in range(5):
        MeetingFactory(board=room.board, is_public=True, title=f"Meeting {n}")
    with django_assert_max_num_queries(5):
        assert len(Client().get(url).json()["items"]) == 6


def test_a_vote_from_the_api_is_refused_while_not_quorate_and_the_refusal_is_kept(
    organisation, admin
):
    # Given a motion, and then a young person leaving so the room is not quorate
    room = meeting_in_progress(organisation=organisation)
    motion = motion_waiting(room)
    attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.young[1])
    token = _token(admin, organisation)
    # When a clerk's system records the vote
    response = _vote(organisation, motion, token, VOTE)
    # Then it is refused in the page's words, and nothing is carried
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "not quorate" in response.json()["detail"].lower()
    motion.refresh_from_db()
    assert motion.status == Motion.Status.PROPOSED
    assert not Decision.objects.exists()
    assert AuditEvent.objects.filter(action="governance.motion.refused_inquorate").count() == 1
    # When the young person comes back, the same vote is carried, and sending it again
    # returns the same result
    attendance.attendance_back(actor=room.clerk, meeting=room.meeting, person=room.young[1])
    carried = _vote(organisation, motion, token, VOTE)
    assert carried.status_code == 200, carried.content
    assert carried.json()["status"] == "carried"
    assert carried.json()["quorate"] is True
    assert _vote(organisation, motion, token, VOTE).json() == carried.json()
    assert Decision.objects.count() == 1
    # Different counts for a decided motion are refused
    other = _vote(organisation, motion, token, {**VOTE, "votes_for": 2})
    assert other.status_code == 422


def test_the_calendar_feed_holds_public_meetings_only_and_marks_cancelled_ones(organisation):
    board = BoardFactory(organisation=organisation, name="Youth board")
    soon = timezone.now() + dt.timedelta(days=7)
    public = MeetingFactory(board=board, is_public=True, title="Open meeting", starts_at=soon)
    MeetingFactory(
        board=board, is_public=True, title="Called off", status="cancelled", starts_at=soon
    )
    MeetingFactory(board=board, title="Private meeting", starts_at=soon)
    MeetingFactory(
        board=board,
        is_public=True,
        title="Long ago",
        starts_at=timezone.now() - dt.timedelta(days=200),
    )
    response = Client().get(reverse("governance:meeting-calendar", args=[organisation.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "public" in response["Cache-Control"]
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {"Youth board: Open meeting", "Youth board: Called off"}
    opened = events["Youth board: Open meeting"]
    assert str(opened["uid"]) == f"{public.public_id}@alongside"
    assert opened.decoded("dtstart") == public.starts_at.replace(microsecond=0)
    assert str(opened["status"]) == "CONFIRMED"
    assert str(events["Youth board: Called off"]["status"]) == "CANCELLED"


def test_the_calendar_of_an_organisation_that_does_not_exist_is_not_found(client):
    response = client.get(reverse("governance:meeting-calendar", args=["nowhere"]))
    assert response.status_code == 404
