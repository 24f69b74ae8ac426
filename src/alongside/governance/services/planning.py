"""Planning a board meeting: plan it, change it or cancel it while it is planned; write its
agenda; add its papers and publish them.

Everything in a meeting is written under the meeting's row lock (``locked_meeting``), the lock
attendance and votes take, so an agenda is never reordered while the meeting starts. A paper
added after the papers were published is published at once: publishing is the meeting's, not
each paper's, so members can read it as soon as it is added.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import AgendaItem, Board, Meeting, Paper
from alongside.governance.rules import MEETING_RUN
from alongside.governance.services.attendance import locked_meeting
from alongside.initiatives.models import Initiative
from alongside.voice.models import Theme

MAX_AGENDA_ITEMS = 100
MOVES = {"up", "down"}


def _text(value: str, *, field: str, empty: str, limit: int, too_long: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationFailed(empty, field=field)
    if len(value) > limit:
        raise ValidationFailed(too_long, field=field)
    return value


def _optional(value: str, *, field: str, limit: int, too_long: str) -> str:
    value = value.strip()
    if len(value) > limit:
        raise ValidationFailed(too_long, field=field)
    return value


def _details(title: str, starts_at: dt.datetime, location: str) -> tuple[str, str]:
    title = _text(
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
    location = _text(
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


# The agenda


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
    title = _text(
        title,
        field="title",
        empty="Enter the agenda item's title.",
        limit=200,
        too_long="The title must be 200 characters or fewer.",
    )
    plain_summary = _optional(
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


# Papers


def _paper_words(title: str, body: str, plain_words: str) -> tuple[str, str, str]:
    title = _text(
        title,
        field="title",
        empty="Enter the paper's title.",
        limit=200,
        too_long="The title must be 200 characters or fewer.",
    )
    body = _text(
        body.replace("\r\n", "\n"),
        field="body",
        empty="Enter what the paper says.",
        limit=50000,
        too_long="The paper must be 50000 characters or fewer.",
    )
    plain_words = _text(
        plain_words.replace("\r\n", "\n"),
        field="plain_words",
        empty="Enter what the paper says in plain words, for young members.",
        limit=4000,
        too_long="The plain words version must be 4000 characters or fewer.",
    )
    return title, body, plain_words


def _papers_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationFailed("This meeting was cancelled, so its papers cannot change.")
    if meeting.status == Meeting.Status.CLOSED:
        raise ValidationFailed("This meeting has finished, so its papers cannot change.")


@transaction.atomic
def paper_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    body: str,
    plain_words: str,
    idempotency_key: uuid.UUID,
) -> Paper:
    """Add a paper. If the meeting's papers are published already, members can read it at once."""
    meeting = locked_meeting(actor, meeting)
    _papers_open(meeting)
    title, body, plain_words = _paper_words(title, body, plain_words)

    def create() -> Paper:
        paper = Paper.objects.create(
            meeting=meeting,
            title=title,
            body=body,
            plain_words=plain_words,
            written_by=actor.person,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.paper.add",
            summary=f"Paper added: {paper.title}",
            actor_id=actor.person_id,
            organisation_id=meeting.board.organisation_id,
            target=paper,
            data={
                "meeting": str(meeting.public_id),
                "published": meeting.papers_published_at is not None,
            },
        )
        return paper

    paper, _created = create_once(
        Paper,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.meeting_id == meeting.pk and earlier.title == title and earlier.body == body
        ),
    )
    return paper


@transaction.atomic
def paper_change(*, actor: Actor, paper: Paper, title: str, body: str, plain_words: str) -> Paper:
    """Change a paper; the audit event keeps its old title and whether members could read it."""
    meeting = locked_meeting(actor, paper.meeting)
    _papers_open(meeting)
    paper = Paper.objects.get(pk=paper.pk, meeting=meeting)
    title, body, plain_words = _paper_words(title, body, plain_words)
    old_title = paper.title
    paper.title, paper.body, paper.plain_words = title, body, plain_words
    paper.save(update_fields=["title", "body", "plain_words", "updated_at"])
    audit_record(
        action="governance.paper.change",
        summary=f"Paper changed: {paper.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=paper,
        data={
            "meeting": str(meeting.public_id),
            "old_title": old_title,
            "published": meeting.papers_published_at is not None,
        },
    )
    return paper


@transaction.atomic
def papers_publish(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Let every member of the organisation read the meeting's papers. Once: publishing again
    changes nothing, and papers added later are published as they are added."""
    meeting = locked_meeting(actor, meeting)
    if meeting.papers_published_at is not None:
        return meeting
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationFailed("This meeting was cancelled, so its papers cannot be published.")
    if not Paper.objects.filter(meeting=meeting).exists():
        raise ValidationFailed("Add a paper before publishing the papers.")
    meeting.papers_published_at = timezone.now()
    meeting.save(update_fields=["papers_published_at", "updated_at"])
    audit_record(
        action="governance.papers.publish",
        summary=f"Papers published: {meeting.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=meeting,
        data={"papers": Paper.objects.filter(meeting=meeting).count()},
    )
    return meeting
