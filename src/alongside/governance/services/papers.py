"""A meeting's papers: add one, change it, and publish the meeting's papers.

A paper added after the papers were published is published at once: publishing is the
meeting's, not each paper's, so members can read it as soon as it is added. Every change is
made under the meeting's row lock (``locked_meeting``).
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance.models import Meeting, Paper
from alongside.governance.services._texts import required_text
from alongside.governance.services.attendance import locked_meeting


def _paper_words(title: str, body: str, plain_words: str) -> tuple[str, str, str]:
    title = required_text(
        title,
        field="title",
        empty="Enter the paper's title.",
        limit=200,
        too_long="The title must be 200 characters or fewer.",
    )
    body = required_text(
        body.replace("\r\n", "\n"),
        field="body",
        empty="Enter what the paper says.",
        limit=50000,
        too_long="The paper must be 50000 characters or fewer.",
    )
    plain_words = required_text(
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
