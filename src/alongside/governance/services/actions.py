"""Actions a meeting agrees: something someone will do, by when, tracked until it is done.

A clerk adds them (the meeting's lock, as every write about a meeting takes); the person who
owns one, or a clerk, marks it done. Marking done locks the action's row and is idempotent:
done twice is done once, with the first note kept.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Person
from alongside.core.audit import audit_record
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import ActionItem, AgendaItem, Meeting
from alongside.governance.rules import ACTION_DONE, MEETING_RUN
from alongside.governance.selectors_minutes import action_owners
from alongside.governance.services.attendance import locked_meeting

DESCRIPTION_LENGTH = 500
NOTE_LENGTH = 500


@transaction.atomic
def action_add(
    *,
    actor: Actor,
    meeting: Meeting,
    description: str,
    owner: Person,
    due_on: dt.date,
    agenda_item: AgendaItem | None = None,
    idempotency_key: uuid.UUID,
) -> ActionItem:
    """Record an action agreed at a meeting that has started. A form sent twice with the same
    key is one action."""
    meeting = locked_meeting(actor, meeting)
    if meeting.status not in (Meeting.Status.IN_PROGRESS, Meeting.Status.CLOSED):
        raise ValidationFailed("Actions can be added once the meeting has started.")
    description = description.strip()
    if not description:
        raise ValidationFailed("Enter what needs doing.", field="description")
    if len(description) > DESCRIPTION_LENGTH:
        raise ValidationFailed(
            "What needs doing must be 500 characters or fewer.", field="description"
        )
    if owner.pk not in {p.pk for p in action_owners(board=meeting.board)}:
        raise ValidationFailed(
            "Select someone who sits on the board or works for the organisation.", field="owner"
        )
    if due_on < timezone.localtime(meeting.starts_at).date():
        raise ValidationFailed(
            "The date it is due must be on or after the day of the meeting.", field="due_on"
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationFailed("Select an item on this meeting's agenda.", field="agenda_item")

    def create() -> ActionItem:
        action = ActionItem.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            description=description,
            owner=owner,
            due_on=due_on,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.action.add",
            summary="An action was recorded",
            actor_id=actor.person_id,
            organisation_id=meeting.board.organisation_id,
            target=action,
            data={"meeting": str(meeting.public_id), "due_on": due_on.isoformat()},
        )
        return action

    action, _created = create_once(
        ActionItem,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.meeting_id == meeting.pk
            and earlier.description == description
            and earlier.owner_id == owner.pk
            and earlier.due_on == due_on
        ),
    )
    return action


@transaction.atomic
def action_done(*, actor: Actor, action: ActionItem, note: str = "") -> ActionItem:
    """Mark an action done, by the person who owns it or a clerk. Done again changes nothing."""
    organisation = action.meeting.board.organisation
    require(actor, ACTION_DONE, organisation)
    action = cast(
        ActionItem,
        ActionItem.objects.select_for_update().select_related("meeting__board").get(pk=action.pk),
    )
    if actor.person_id != action.owner_id and not actor.can(MEETING_RUN, organisation):
        raise NotPermitted("Only the person the action is for, or a clerk, can mark it done.")
    if action.done_at is not None:
        return action
    note = note.strip()
    if len(note) > NOTE_LENGTH:
        raise ValidationFailed("The note must be 500 characters or fewer.", field="note")
    action.done_at = timezone.now()
    action.done_note = note
    action.save(update_fields=["done_at", "done_note", "updated_at"])
    audit_record(
        action="governance.action.done",
        summary="An action was marked done",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=action,
        data={
            "meeting": str(action.meeting.public_id),
            "by_owner": actor.person_id == action.owner_id,
        },
    )
    return action
