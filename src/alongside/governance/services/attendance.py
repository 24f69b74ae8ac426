"""Taking attendance at a board meeting: start it, mark who is here, who left and who came
back, who chairs, and finish it.

Every write here locks the meeting row first — the same lock a vote takes — so a vote never
reads the room while someone is being marked as leaving it.
"""

from __future__ import annotations

from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, ValidationFailed
from alongside.governance.models import Meeting, MeetingAttendance, Motion, Seat
from alongside.governance.rules import MEETING_RUN

MAX_MINUTES = 24 * 60


def locked_meeting(actor: Actor, meeting: Meeting) -> Meeting:
    """The meeting again, read and held under its row lock, after the policy is asked."""
    require(actor, MEETING_RUN, meeting.board.organisation)
    return cast(
        Meeting, Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    )


def _in_progress(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise ValidationFailed("This meeting is not happening now, so attendance cannot change.")


def _row(meeting: Meeting, person: Person) -> MeetingAttendance:
    row = cast(MeetingAttendance | None, meeting.attendance.filter(person=person).first())
    if row is None:
        raise NotFound("That person is not on this meeting's list.")
    return row


def _audit(actor: Actor, meeting: Meeting, row: MeetingAttendance, what: str) -> None:
    audit_record(
        action="governance.attendance.record",
        summary=f"Attendance at a board meeting: {what}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=row,
        data={"meeting": str(meeting.public_id), "status": row.status, "what": what},
    )


@transaction.atomic
def meeting_open(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Start the meeting: every seat holder goes on the list, absent until marked, with their
    seat's constituency and vote copied; the board's chair is in the chair."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationFailed("Only a planned meeting can be started.")
    if meeting.board.closed_at is not None:
        raise ValidationFailed("This board has closed, so its meetings cannot start.")
    seats = cast(list[Seat], list(meeting.board.seats.filter(holder__isnull=False)))
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(
                meeting=meeting,
                person_id=seat.holder_id,
                seat=seat,
                constituency=seat.constituency,
                votes=seat.votes,
                status=MeetingAttendance.Status.ABSENT,
            )
            for seat in seats
            if seat.holder_id is not None
        ],
        ignore_conflicts=True,
    )
    chair = next((seat for seat in seats if seat.role == Seat.Role.CHAIR), None)
    meeting.status = Meeting.Status.IN_PROGRESS
    meeting.opened_at = timezone.now()
    if meeting.chaired_by_id is None and chair is not None:
        meeting.chaired_by_id = chair.holder_id
    meeting.save(update_fields=["status", "opened_at", "chaired_by", "updated_at"])
    audit_record(
        action="governance.meeting.open",
        summary="A board meeting started",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
        data={"on_the_list": len(seats)},
    )
    return meeting


@transaction.atomic
def attendance_mark(
    *, actor: Actor, meeting: Meeting, person: Person, status: str
) -> MeetingAttendance:
    """Mark someone present, sent apologies or absent. Marking present again keeps the time
    they arrived; marking present someone who left brings them back (see ``attendance_back``)."""
    meeting = locked_meeting(actor, meeting)
    _in_progress(meeting)
    if status not in MeetingAttendance.Status.values:
        raise ValidationFailed("Select whether they are here.", field="status")
    row = _row(meeting, person)
    if status == MeetingAttendance.Status.PRESENT:
        if row.status != MeetingAttendance.Status.PRESENT:
            row.arrived_at = timezone.now()
        row.left_at = None
    else:
        row.arrived_at = row.left_at = None
    row.status = status
    row.save(update_fields=["status", "arrived_at", "left_at", "updated_at"])
    _audit(actor, meeting, row, row.get_status_display())
    return row


@transaction.atomic
def attendance_left(*, actor: Actor, meeting: Meeting, person: Person) -> MeetingAttendance:
    """Someone present left the room now."""
    meeting = locked_meeting(actor, meeting)
    _in_progress(meeting)
    row = _row(meeting, person)
    if row.status != MeetingAttendance.Status.PRESENT or row.left_at is not None:
        raise ValidationFailed("Only someone who is here now can leave.")
    assert row.arrived_at is not None  # the present have arrived (a check constraint)
    row.left_at = max(timezone.now(), row.arrived_at)
    row.save(update_fields=["left_at", "updated_at"])
    _audit(actor, meeting, row, "left")
    return row


@transaction.atomic
def attendance_back(*, actor: Actor, meeting: Meeting, person: Person) -> MeetingAttendance:
    """Someone who left came back. One row holds one arrival, so coming back clears the time
    they left: they count as having been here all along, for the quorum of later votes (a
    vote already taken keeps its own record of who was counted) and for their minutes."""
    meeting = locked_meeting(actor, meeting)
    _in_progress(meeting)
    row = _row(meeting, person)
    if row.left_at is None:
        raise ValidationFailed("Only someone who left can come back.")
    row.left_at = None
    row.save(update_fields=["left_at", "updated_at"])
    _audit(actor, meeting, row, "came back")
    return row


@transaction.atomic
def chair_change(*, actor: Actor, meeting: Meeting, person: Person) -> Meeting:
    """Who is in the chair today: anyone on this meeting's list."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS):
        raise ValidationFailed("The chair of a finished meeting cannot change.")
    if not meeting.attendance.filter(person=person).exists() and not (
        meeting.board.seats.filter(holder=person).exists()
    ):
        raise ValidationFailed("Select someone with a seat on this board.", field="person")
    meeting.chaired_by = person
    meeting.save(update_fields=["chaired_by", "updated_at"])
    audit_record(
        action="governance.meeting.update",
        summary="Someone else is in the chair",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
        data={"chair": str(person.public_id)},
    )
    return meeting


@transaction.atomic
def meeting_close(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Finish the meeting: refused while a motion is undecided; each person present gets
    their minutes of taking part, from arriving (or the start) to leaving (or the end)."""
    meeting = locked_meeting(actor, meeting)
    _in_progress(meeting)
    undecided = cast(Motion | None, meeting.motions.filter(status=Motion.Status.PROPOSED).first())
    if undecided is not None:
        raise ValidationFailed(
            f"Record the vote on “{undecided.text[:80]}”, or record it withdrawn, "
            "before you finish the meeting."
        )
    assert meeting.opened_at is not None  # an in-progress meeting has started
    now = timezone.now()
    rows = cast(
        list[MeetingAttendance],
        list(meeting.attendance.filter(status=MeetingAttendance.Status.PRESENT)),
    )
    for row in rows:
        assert row.arrived_at is not None  # the present have arrived (a check constraint)
        start = max(row.arrived_at, meeting.opened_at)
        end = min(row.left_at or now, now)
        row.minutes = min(max(round((end - start).total_seconds() / 60), 1), MAX_MINUTES)
    MeetingAttendance.objects.bulk_update(rows, ["minutes"])
    meeting.status = Meeting.Status.CLOSED
    meeting.closed_at = now
    meeting.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        action="governance.meeting.close",
        summary="A board meeting finished",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
        data={"present": len(rows)},
    )
    return meeting
