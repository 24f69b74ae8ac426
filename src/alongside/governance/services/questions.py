"""A young member's private question about a meeting ("I didn't understand something", "I
want to raise something"), sent to the board's chair or support worker, and its one reply.

Only the sender and whoever it is addressed to ever read it (``selectors_briefing.readers``),
so the audit trail records that a question was sent or answered, never what it says.
"""

from __future__ import annotations

import uuid
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.governance import selectors, selectors_briefing
from alongside.governance.models import BriefingQuestion, Meeting
from alongside.governance.rules import BRIEFING_VIEW, QUESTION_ANSWER
from alongside.governance.services._texts import required_text

MAX_LENGTH = 2000
OPEN = {Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS}


@transaction.atomic
def question_send(
    *,
    actor: Actor,
    meeting: Meeting,
    kind: str,
    to: str,
    text: str,
    idempotency_key: uuid.UUID,
) -> BriefingQuestion:
    """Send a private question about a planned or happening meeting, as a member of its board.

    ``to`` is the chair or the support worker, whichever the board has; if it has neither,
    ``to`` is empty and the organisation's admins read it (stored as the support worker's).
    """
    require(actor, BRIEFING_VIEW, meeting.board.organisation)
    meeting = cast(
        Meeting, Meeting.objects.select_for_update().select_related("board").get(pk=meeting.pk)
    )
    person = actor.person
    if person is None or selectors.seat_held(meeting.board, person) is None:
        raise NotPermitted("Only members of this board can send it a private question.")
    if meeting.status not in OPEN:
        raise ValidationFailed(
            "This meeting has finished, so you cannot send a question about it. "
            "Ask about the next one instead."
        )
    if kind not in BriefingQuestion.Kind.values:
        raise ValidationFailed("Select what your question is about.", field="kind")
    allowed = selectors_briefing.recipients(meeting.board, person)
    if allowed and to not in allowed:
        raise ValidationFailed("Select who you want to read it.", field="to")
    if not allowed:
        to = BriefingQuestion.To.SUPPORT_WORKER
    text = required_text(
        text,
        field="text",
        empty="Write your question.",
        limit=MAX_LENGTH,
        too_long=f"Your question must be {MAX_LENGTH} characters or fewer.",
    )

    def create() -> BriefingQuestion:
        question = BriefingQuestion.objects.create(
            meeting=meeting,
            person=person,
            kind=kind,
            to=to,
            recipient=selectors_briefing.readers(meeting.board, to).person,
            text=text,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="governance.question.send",
            summary="A member sent a private question about a meeting",
            actor_id=actor.person_id,
            organisation_id=meeting.board.organisation_id,
            target=question,
            # Never the text: only the sender and its readers see what it says.
            data={"meeting": str(meeting.public_id), "kind": kind, "to": to},
        )
        return question

    question, _created = create_once(
        BriefingQuestion,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.meeting_id == meeting.pk
            and earlier.person_id == person.pk
            and earlier.kind == kind
            and earlier.to == to
            and earlier.text == text
        ),
    )
    return question


@transaction.atomic
def question_reply(*, actor: Actor, question: BriefingQuestion, reply: str) -> BriefingQuestion:
    """Answer a question sent to you, once."""
    organisation = question.meeting.board.organisation
    require(actor, QUESTION_ANSWER, organisation)
    question = cast(
        BriefingQuestion,
        BriefingQuestion.objects.select_for_update(of=("self",))
        .select_related("meeting__board")
        .get(pk=question.pk),
    )
    person = actor.person
    admin = Role.ORG_ADMIN in actor.roles_in(organisation.pk)
    if person is None or not (
        selectors_briefing.inbox_for(organisation=organisation, person=person, admin=admin)
        .filter(pk=question.pk)
        .exists()
    ):
        raise NotPermitted("Only the person this question was sent to can answer it.")
    if question.replied_at is not None:
        raise ValidationFailed(
            "This question has already been answered. A question gets one answer."
        )
    question.reply = required_text(
        reply,
        field="reply",
        empty="Write your answer.",
        limit=MAX_LENGTH,
        too_long=f"Your answer must be {MAX_LENGTH} characters or fewer.",
    )
    question.replied_by = person
    question.replied_at = timezone.now()
    question.save(update_fields=["reply", "replied_by", "replied_at", "updated_at"])
    audit_record(
        action="governance.question.reply",
        summary="A private question about a meeting was answered",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=question,
        data={"meeting": str(question.meeting.public_id)},
    )
    return question
