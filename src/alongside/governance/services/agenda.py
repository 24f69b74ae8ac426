"""A meeting's agenda: add an item at the end, change it, take it off, move it up or down.

Every change is made under the meeting's row lock (``locked_meeting``), the lock attendance and
votes take, so an agenda is never reordered while the meeting starts.
"""

from __future__ import annotations

import uuid
from typing import cast

from django.db import transaction
from django.db.models import F, Max

from alongside.accounts.actor import Actor
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import AgendaItem, Meeting, Paper
from alongside.governance.services._texts import optional_text, required_text
from alongside.governance.services.attendance import locked_meeting
from alongside.initiatives.models import Initiative
from alongside.voice.models import Theme

MAX_AGENDA_ITEMS = 100
MOVES = {"up", "down"}


def _agenda_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationFailed("This meeting was cancelled, so its agenda cannot change.")
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationFailed("This meeting has finished, so its agenda cannot change.")


def _links(
    meeting: Meeting, theme: Theme | None, initiative: Initiative | None, paper: Paper | None
) -> None:
    organisation_id = meeting.board.organisation_id
    if theme is not None and theme.organisation_id != organisation_id:
        raise ValidationFailed("Select one of this organisation's themes.", field="theme")
    if initiative is not None and initiative.organisation_id != organisation_id:
        raise ValidationFailed("Select one of this organisation's initiatives.", field="initiative")
    if paper is not None and paper.meeting_id != meeting.pk:
        raise ValidationFailed("Select one of this meeting's papers.", field="paper")


def _item_words(title: str, plain_summary: str) -> tuple[str, str]:
    title = required_text(
        title,
        field="title",
        empty="Enter the agenda item's title.",
        limit=200,
        too_long="The title must be 200 characters or fewer.",
    )
    plain_summary = optional_text(
        plain_summary,
        field="plain_summary",
        limit=2000,
        too_long="What it is about must be 2000 characters or fewer.",
    )
    return title, plain_summary


def _agenda_audit(actor: Actor, meeting: Meeting, item: AgendaItem, what: str) -> None:
    audit_record(
        action="governance.agenda.change",
        summary=f"Agenda changed ({what}): {item.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=item,
        data={"meeting": str(meeting.public_id), "what": what, "position": item.position},
    )


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    plain_summary: str = "",
    theme: Theme | None = None,
    initiative: Initiative | None = None,
    paper: Paper | None = None,
    idempotency_key: uuid.UUID,
) -> AgendaItem:
    """Add an item at the end of the agenda. A form sent twice with the same key is one item."""
    meeting = locked_meeting(actor, meeting)
    _agenda_open(meeting)
    title, plain_summary = _item_words(title, plain_summary)
    _links(meeting, theme, initiative, paper)

    def create() -> AgendaItem:
        items = AgendaItem.objects.filter(meeting=meeting)
        if items.count() >= MAX_AGENDA_ITEMS:
            raise ValidationFailed(f"An agenda can have up to {MAX_AGENDA_ITEMS} items.")
        last = items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=last + 1,
            title=title,
            plain_summary=plain_summary,
            theme=theme,
            initiative=initiative,
            paper=paper,
            idempotency_key=idempotency_key,
        )
        _agenda_audit(actor, meeting, item, "added")
        return item

    item, _created = create_once(
        AgendaItem,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.meeting_id == meeting.pk and earlier.title == title,
    )
    return item


def _locked_item(actor: Actor, item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    meeting = locked_meeting(actor, item.meeting)
    _agenda_open(meeting)
    return meeting, AgendaItem.objects.get(pk=item.pk, meeting=meeting)


@transaction.atomic
def agenda_item_change(
    *,
    actor: Actor,
    item: AgendaItem,
    title: str,
    plain_summary: str = "",
    theme: Theme | None = None,
    initiative: Initiative | None = None,
    paper: Paper | None = None,
) -> AgendaItem:
    meeting, item = _locked_item(actor, item)
    title, plain_summary = _item_words(title, plain_summary)
    _links(meeting, theme, initiative, paper)
    item.title, item.plain_summary = title, plain_summary
    item.theme, item.initiative, item.paper = theme, initiative, paper
    item.save(
        update_fields=["title", "plain_summary", "theme", "initiative", "paper", "updated_at"]
    )
    _agenda_audit(actor, meeting, item, "changed")
    return item


@transaction.atomic
def agenda_item_remove(*, actor: Actor, item: AgendaItem) -> None:
    """Take an item off the agenda; the items after it move up one place.

    Positions are unique per meeting, and PostgreSQL checks that row by row, so the items
    after it are moved out of the way (above the highest position) and then back, one place
    higher: neither statement can land on a position in use, whatever order it goes in."""
    meeting, item = _locked_item(actor, item)
    if item.motions.exists():
        raise ValidationFailed(
            "A motion was made on this item, so it stays on the agenda. Change its title instead."
        )
    _agenda_audit(actor, meeting, item, "removed")
    removed = item.position
    item.delete()
    items = AgendaItem.objects.filter(meeting=meeting)
    top = items.aggregate(top=Max("position"))["top"] or 0
    items.filter(position__gt=removed).update(position=F("position") + top)
    items.filter(position__gt=top).update(position=F("position") - top - 1)


@transaction.atomic
def agenda_item_move(*, actor: Actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with the one above (``up``) or below (``down``). At the top already, up
    changes nothing (and at the bottom, down)."""
    if direction not in MOVES:
        raise ValidationFailed("Select up or down.", field="direction")
    meeting, item = _locked_item(actor, item)
    items = AgendaItem.objects.filter(meeting=meeting)
    other: AgendaItem | None
    if direction == "up":
        other = cast(
            AgendaItem | None,
            items.filter(position__lt=item.position).order_by("-position").first(),
        )
    else:
        other = cast(
            AgendaItem | None, items.filter(position__gt=item.position).order_by("position").first()
        )
    if other is None:
        return item
    here, there = item.position, other.position
    spare = (items.aggregate(top=Max("position"))["top"] or 0) + 1
    # One at a time through a free position, so no statement meets the other's position.
    items.filter(pk=item.pk).update(position=spare)
    items.filter(pk=other.pk).update(position=here)
    items.filter(pk=item.pk).update(position=there)
    item.position = there
    _agenda_audit(actor, meeting, item, f"moved {direction}")
    return item
