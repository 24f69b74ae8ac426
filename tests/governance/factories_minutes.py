"""A finished meeting with a record to write minutes from, and actions made directly, for the
minutes and actions tests."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import factory
from django.utils import timezone

from alongside.accounts.models import Person
from alongside.governance.models import ActionItem, Minutes, Motion
from alongside.governance.services import attendance, motions
from tests.governance.factories import MeetingFactory
from tests.governance.factories_meetings import Room, meeting_in_progress


@dataclass
class Finished:
    room: Room
    motion: Motion
    apologies: Person


def finished_meeting() -> Finished:
    """A finished meeting: four of five members came (a young member sent apologies), one
    motion carried 2 to 1 by show of hands."""
    room = meeting_in_progress(young=3)
    chair, member, away = room.young
    room.mark(chair, member, *room.professionals)
    attendance.attendance_mark(
        actor=room.clerk, meeting=room.meeting, person=away, status="apologies"
    )
    motion = motions.motion_propose(
        actor=room.clerk,
        meeting=room.meeting,
        text="That the youth club opens on Saturdays",
        proposer=chair,
        seconder=room.professionals[0],
        idempotency_key=uuid.uuid4(),
    )
    motion = motions.motion_decide(
        actor=room.clerk,
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(2, 1, 0),
        what_changes="The club opens on Saturdays.",
    )
    room.meeting = attendance.meeting_close(actor=room.clerk, meeting=room.meeting)
    return Finished(room=room, motion=motion, apologies=away)


def approve(minutes: Minutes) -> Minutes:
    """What the next meeting's motion does (``motions._approve_minutes``), without the meeting."""
    Minutes.objects.filter(pk=minutes.pk).update(
        status=Minutes.Status.APPROVED, approved_at=timezone.now()
    )
    minutes.refresh_from_db()
    return minutes


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = factory.Sequence(lambda n: f"Ask the parks team about the lights ({n})")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    idempotency_key = factory.LazyFunction(uuid.uuid4)
