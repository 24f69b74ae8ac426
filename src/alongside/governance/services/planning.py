"""Planning a board meeting: plan it, change it or cancel it while it is planned. Its agenda
is written in ``agenda.py``, its papers added and published in ``papers.py``.

Everything in a meeting is written under the meeting's row lock (``locked_meeting``), the lock
attendance and votes take, so a meeting is never changed while it starts.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Board, Meeting
from alongside.governance.rules import MEETING_RUN
from alongside.governance.services._texts import required_text
from alongside.governance.services.attendance import locked_meeting


def _details(title: str, starts_at: dt.datetime, location: str) -> tuple[str, str]:
    title = required_text(
        title,
        field="title",
        empty="Enter what the meeting is called.",
        limit=120,
        too_long="The meeting's name must be 120 characters or fewer.",
    )
    if timezone.is_naive(starts_at):
        raise ValidationFailed("Enter the date and time the meeting starts.", field="starts_on")
    if starts_at <= timezone.now():
        raise ValidationFailed("The meeting must start in the future.", field="starts_on")
    location = required_text(
        location,
        field="location",
        empty="Enter where the meeting is, or “Online”.",
        limit=120,
        too_long="Where the meeting is must be 120 characters or fewer.",
    )
    return title, location


def _meeting_data(meeting: Meeting) -> dict[str, object]:
    return {
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "location": meeting.location,
        "is_public": meeting.is_public,
    }


@transaction.atomic
def meeting_plan(
    *,
    actor: Actor,
    board: Board,
    title: str,
    starts_at: dt.datetime,
    location: str,
    is_public: bool,
    idempotency_key: uuid.UUID,
) -> Meeting:
    """Plan a meeting of an open board. A form sent twice with the same key is one meeting.

    The board's row is locked first, the lock ``board_close`` takes, so a board closing at the
    same moment either sees this meeting or this sees it closed."""
    require(actor, MEETING_RUN, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is not None:
        raise ValidationFailed("This board has closed, so it cannot plan meetings.")
    title, location = _details(title, starts_at, location)

    def create() -> Meeting:
        meeting = Meeting.objects.create(
            board=board,
            title=title,
            starts_at=starts_at,
            location=location,
            is_public=is_public,
            created_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.meeting.plan",
            summary=f"Meeting planned: {meeting.title}",
            actor_id=actor.person_id,
            organisation_id=board.organisation_id,
            target=meeting,
            data=_meeting_data(meeting),
        )
        return meeting

    meeting, _created = create_once(
        Meeting,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.board_id == board.pk
            and earlier.title == title
            and earlier.starts_at == starts_at
            and earlier.location == location
        ),
    )
    return meeting


def _planned(meeting: Meeting, what: str) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationFailed(f"This meeting was cancelled, so it cannot be {what}.")
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationFailed(f"This meeting has started, so it cannot be {what}.")


@transaction.atomic
def meeting_change(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    starts_at: dt.datetime,
    location: str,
    is_public: bool,
) -> Meeting:
    """Change a planned meeting's name, time, place or whether it is public."""
    meeting = locked_meeting(actor, meeting)
    _planned(meeting, "changed")
    if meeting.board.closed_at is not None:
        raise ValidationFailed("This board has closed, so its meetings cannot change.")
    title, location = _details(title, starts_at, location)
    old = _meeting_data(meeting)
    meeting.title, meeting.starts_at, meeting.location = title, starts_at, location
    meeting.is_public = is_public
    meeting.save(update_fields=["title", "starts_at", "location", "is_public", "updated_at"])
    audit_record(
        action="governance.meeting.update",
        summary=f"Meeting changed: {meeting.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
        data={"old": old, "new": _meeting_data(meeting)},
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Cancel a planned meeting. Cancelling it again changes nothing; a meeting that has
    started (or finished) cannot be cancelled."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status == Meeting.Status.CANCELLED:
        return meeting
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationFailed("This meeting has started, so it cannot be cancelled.")
    meeting.status = Meeting.Status.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    audit_record(
        action="governance.meeting.cancel",
        summary=f"Meeting cancelled: {meeting.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
    )
    return meeting
