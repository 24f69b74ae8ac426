"""'My record': the meetings someone was at and for how long, the motions they proposed or
seconded, the decisions taken while they were in the room with a vote, only their own, and
the same queries however many meetings."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.core.durations import time_words
from alongside.governance.models import Meeting, MeetingAttendance, Motion
from tests import factories
from tests.governance.factories import MeetingFactory
from tests.governance.factories_meetings import Room, meeting_in_progress

pytestmark = pytest.mark.django_db


def _url(room: Room) -> str:
    return reverse("governance:my-record", args=[room.board.organisation.slug])


# Made here without the service, so with the verdict the database asks a carried motion for.
QUORATE = {"verdict": {"quorate": True}}


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def _motion(room: Room, text: str, *, proposer, seconder, status: str, at) -> Motion:  # type: ignore[no-untyped-def]
    decided = status in ("carried", "lost")
    return Motion.objects.create(
        meeting=room.meeting,
        text=text,
        proposer=proposer,
        seconder=seconder,
        status=status,
        votes_for=3 if decided else None,
        votes_against=1 if decided else None,
        abstentions=0 if decided else None,
        decided_at=at if decided else None,
        quorum_at_vote=QUORATE if status == "carried" else None,
        idempotency_key=uuid.uuid4(),
    )


def _finished(room: Room, person, minutes: int, *, arrived, left=None) -> None:  # type: ignore[no-untyped-def]
    MeetingAttendance.objects.filter(meeting=room.meeting, person=person).update(
        status="present", arrived_at=arrived, left_at=left, minutes=minutes
    )


def test_the_record_shows_meetings_time_motions_and_decisions_taken_part_in(client):
    room = meeting_in_progress()
    young, other = room.young
    start = timezone.now() - dt.timedelta(hours=2)
    # young was there from the start and left after the first vote; other stayed all along
    _finished(room, young, 95, arrived=start, left=start + dt.timedelta(minutes=60))
    _finished(room, other, 120, arrived=start)
    _finished(room, room.professionals[0], 120, arrived=start)
    _motion(room, "Open on Saturdays", proposer=young, seconder=room.professionals[0],
            status="carried", at=start + dt.timedelta(minutes=30))  # fmt: skip
    _motion(room, "Buy a minibus", proposer=other, seconder=young,
            status="lost", at=start + dt.timedelta(minutes=40))  # fmt: skip
    _motion(room, "Paint the hall", proposer=other, seconder=room.professionals[0],
            status="carried", at=start + dt.timedelta(minutes=90))  # fmt: skip
    client.force_login(young.user)
    response = client.get(_url(room))
    assert response["Cache-Control"] == "no-store"
    page = _text(response)
    assert room.board.name in page
    assert "1 hour 35 minutes" in page
    assert "Open on Saturdays" in page
    assert "You proposed it" in page
    assert "You seconded it" in page
    decisions = page.split("Decisions you took part in</h3>")[1]
    assert "Open on Saturdays" in decisions
    # decided after they had left, and one that was not carried: not theirs
    assert "Paint the hall" not in decisions
    assert "Buy a minibus" not in decisions
    # the one who stayed took part in both carried decisions
    client.force_login(other.user)
    decisions = _text(client.get(_url(room))).split("Decisions you took part in</h3>")[1]
    assert "Open on Saturdays" in decisions
    assert "Paint the hall" in decisions


def test_an_observer_without_a_vote_took_part_in_no_decision(client):
    room = meeting_in_progress()
    young = room.young[0]
    start = timezone.now() - dt.timedelta(hours=1)
    _finished(room, young, 60, arrived=start)
    MeetingAttendance.objects.filter(meeting=room.meeting, person=young).update(votes=False)
    _motion(room, "Open on Saturdays", proposer=room.young[1], seconder=room.professionals[0],
            status="carried", at=start + dt.timedelta(minutes=30))  # fmt: skip
    client.force_login(young.user)
    decisions = _text(client.get(_url(room))).split("Decisions you took part in</h3>")[1]
    assert "Open on Saturdays" not in decisions


def test_someone_on_no_board_sees_what_will_appear(client):
    room = meeting_in_progress()
    person = factories.person_with_role("young_person", room.board.organisation)
    client.force_login(person.user)
    page = _text(client.get(_url(room)))
    assert "You are not on any of this organisation's boards yet." in page


def test_time_in_words():
    assert time_words(0) == "No time recorded yet"
    assert time_words(45) == "45 minutes"
    assert time_words(60) == "1 hour"
    assert time_words(120) == "2 hours"
    assert time_words(200) == "3 hours 20 minutes"
    assert time_words(61) == "1 hour 1 minute"


def test_the_record_takes_the_same_queries_however_many_meetings(
    client, django_assert_max_num_queries
):
    room = meeting_in_progress()
    young = room.young[0]
    start = timezone.now() - dt.timedelta(hours=2)
    _finished(room, young, 60, arrived=start)
    client.force_login(young.user)
    with django_assert_max_num_queries(40) as captured:
        client.get(_url(room))
    for n in range(5):
        meeting = MeetingFactory(board=room.board, starts_at=start - dt.timedelta(days=n + 1))
        Meeting.objects.filter(pk=meeting.pk).update(
            status="closed", opened_at=start, closed_at=start
        )
        MeetingAttendance.objects.create(
            meeting=meeting, person=young, constituency="young_person", votes=True,
            status="present", arrived_at=start, minutes=30,
        )  # fmt: skip
        Motion.objects.create(
            meeting=meeting, text=f"Motion {n}", proposer=young, seconder=room.young[1],
            status="carried", votes_for=2, votes_against=0, abstentions=0,
            decided_at=start + dt.timedelta(minutes=5), quorum_at_vote=QUORATE,
            idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    with django_assert_max_num_queries(len(captured)):
        page = _text(client.get(_url(room)))
    assert "Motion 4" in page
