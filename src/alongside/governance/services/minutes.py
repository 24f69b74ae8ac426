"""A meeting's minutes: the clerk writes a draft after the meeting has finished, the board's
next meeting approves it by a motion (``motions._approve_minutes``), then the clerk publishes
it for everyone in the organisation.

Both writes lock the meeting row first (``locked_meeting``), so a draft saved while the next
meeting's vote approves it is seen by one or the other, never half by each. Minutes have no
idempotency key: saving a draft is "create or update" under that lock, so the same form sent
twice leaves one set of minutes with the text sent.
"""

from __future__ import annotations

from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, ValidationFailed
from alongside.governance.models import Meeting, Minutes
from alongside.governance.services.attendance import locked_meeting

MAX_LENGTH = 50000


@transaction.atomic
def minutes_draft(*, actor: Actor, meeting: Meeting, body: str) -> Minutes:
    """Save the draft minutes of a finished meeting: the first save writes them, later saves
    change them, until the next meeting approves them."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status != Meeting.Status.CLOSED:
        raise ValidationFailed("You can write the minutes once the meeting has finished.")
    body = body.strip()
    if not body:
        raise ValidationFailed("Enter the minutes.", field="body")
    if len(body) > MAX_LENGTH:
        raise ValidationFailed("The minutes must be 50000 characters or fewer.", field="body")
    minutes = cast("Minutes | None", Minutes.objects.filter(meeting=meeting).first())
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, body=body, drafted_by=actor.person)
        first = True
    elif minutes.status != Minutes.Status.DRAFT:
        raise ValidationFailed(
            "These minutes have been approved by the board, so they cannot be changed."
        )
    else:
        if minutes.body == body:
            return minutes
        minutes.body = body
        minutes.drafted_by = actor.person
        minutes.save(update_fields=["body", "drafted_by", "updated_at"])
        first = False
    audit_record(
        action="governance.minutes.draft",
        summary="Draft minutes written" if first else "Draft minutes changed",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=minutes,
        data={"meeting": str(meeting.public_id), "length": len(body)},
    )
    return minutes


@transaction.atomic
def minutes_publish(*, actor: Actor, meeting: Meeting) -> Minutes:
    """Publish approved minutes, for every member of the organisation to read. Publishing
    them again changes nothing."""
    meeting = locked_meeting(actor, meeting)
    minutes = cast(
        "Minutes | None", Minutes.objects.select_for_update().filter(meeting=meeting).first()
    )
    if minutes is None:
        raise NotFound("There are no minutes for this meeting yet.")
    if minutes.status == Minutes.Status.PUBLISHED:
        return minutes
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationFailed(
            "These minutes are still a draft. The board must approve them at its next "
            "meeting before they can be published."
        )
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        action="governance.minutes.publish",
        summary="Minutes published",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=minutes,
        data={"meeting": str(meeting.public_id)},
    )
    return minutes
