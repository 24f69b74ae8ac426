"""Answers: every contribution, or a theme (and so every contribution in it), gets an answer
with a status. Answers are kept as a history; the newest is the current one. The first answer
sets ``first_answered_at`` on each contribution it reaches, which never moves later: the
overdue flag reads it."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation, Person
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.notices.services import notice_send
from alongside.voice.models import Answer, Contribution, Theme
from alongside.voice.rules import ANSWER_GIVE

NOTICE_KIND = "voice.answered"
# What the author is told. Never the answer's words or anyone else's: only that there is one.
NOTICE_TEXT: dict[str, str] = {
    Contribution.Kind.IDEA.value: "Your idea got an answer",
    Contribution.Kind.VIEW.value: "Your view got an answer",
    Contribution.Kind.QUESTION.value: "Your question got an answer",
    Contribution.Kind.EXPERIENCE.value: "What you told us got an answer",
    Contribution.Kind.SERVICE_FEEDBACK.value: "Your feedback got an answer",
}
# The author's "what happened to what I said" page, once the decisions domain has it.
AUTHOR_PAGE_URL_NAME = "decisions:what-happened"


def _author_page() -> str:
    try:
        return reverse(AUTHOR_PAGE_URL_NAME)
    except NoReverseMatch:
        return ""


def _check(status: str, text: str, passed_to: str) -> tuple[str, str]:
    if status not in Answer.Status.values:
        raise ValidationFailed("Select what is happening with it.", field="status")
    text = text.strip()
    passed_to = passed_to.strip()
    if not text:
        if status == Answer.Status.NOT_POSSIBLE:
            raise ValidationFailed("Say why it is not possible.", field="text")
        raise ValidationFailed("Enter your answer.", field="text")
    if status == Answer.Status.PASSED_ON and not passed_to:
        raise ValidationFailed("Enter who you passed it to.", field="passed_to")
    if status != Answer.Status.PASSED_ON:
        passed_to = ""
    return text, passed_to


def _authors_to_tell(
    contribution: Contribution | None, theme: Theme | None
) -> list[tuple[Person, str]]:
    """Authors of the published contributions the answer reaches, each once, with the kind of
    their first one there. Nobody is told about words they withdrew or that were hidden, held
    or not yet checked."""
    published = Contribution.objects.filter(
        status=Contribution.Status.PUBLISHED, author__isnull=False
    )
    if contribution is not None:
        published = published.filter(pk=contribution.pk)
    else:
        published = published.filter(contributiontheme__theme=theme)
    first_kind: dict[int, str] = {}
    for author_id, kind in published.order_by("created_at", "pk").values_list("author_id", "kind"):
        first_kind.setdefault(author_id, kind)
    people = Person.objects.filter(pk__in=first_kind, erased_at__isnull=True).order_by("pk")
    return [(person, first_kind[person.pk]) for person in people]


def _tell_authors(answer: Answer, contribution: Contribution | None, theme: Theme | None) -> None:
    url = _author_page()
    for person, kind in _authors_to_tell(contribution, theme):
        notice_send(
            person=person,
            kind=NOTICE_KIND,
            text=NOTICE_TEXT.get(kind, NOTICE_TEXT[Contribution.Kind.IDEA.value]),
            event_key=f"voice.answer:{answer.pk}",
            url=url,
            organisation=answer.organisation,
        )


@transaction.atomic
def answer_give(
    *,
    actor: Actor,
    organisation: Organisation,
    status: str,
    text: str,
    idempotency_key: uuid.UUID,
    passed_to: str = "",
    contribution: Contribution | None = None,
    theme: Theme | None = None,
) -> Answer:
    """Answer one contribution, or a theme and so every contribution in it.

    Sent twice with the same key, it is stored (and its authors told) once. After the answer
    is saved, each author of a published contribution it reaches is told there is an answer.
    """
    require(actor, ANSWER_GIVE, organisation)
    if (contribution is None) == (theme is None):
        raise ValidationFailed("Answer either one contribution or one theme.")
    if contribution is not None and contribution.organisation_id != organisation.pk:
        raise NotFound("There is no such contribution.")
    if theme is not None and theme.organisation_id != organisation.pk:
        raise NotFound("There is no such theme.")
    if contribution is not None and contribution.status == Contribution.Status.WITHDRAWN:
        raise ValidationFailed("Its author withdrew it, so it cannot get an answer now.")
    text, passed_to = _check(status, text, passed_to)

    def create() -> Answer:
        answer = Answer.objects.create(
            organisation=organisation,
            contribution=contribution,
            theme=theme,
            status=status,
            text=text,
            passed_to=passed_to,
            answered_by=actor.person,
            idempotency_key=idempotency_key,
        )
        reached = Contribution.objects.for_organisation(organisation)
        if contribution is not None:
            reached = reached.filter(pk=contribution.pk)
        else:
            reached = reached.filter(contributiontheme__theme=theme)
        # One UPDATE; an earlier answer's time is kept (Coalesce), so it never moves later,
        # whichever of two answers given at once commits first.
        reached.filter(first_answered_at__isnull=True).update(
            first_answered_at=Coalesce(F("first_answered_at"), Value(answer.created_at))
        )
        audit_record(
            action="voice.answer.give",
            summary=f"Answered: {answer.get_status_display()}",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=answer,
            data={
                "contribution": str(contribution.public_id) if contribution else "",
                "theme": str(theme.public_id) if theme else "",
                "status": status,
            },
        )
        transaction.on_commit(lambda: _tell_authors(answer, contribution, theme))
        return answer

    answer, created = create_once(
        Answer,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: (
            earlier.organisation_id == organisation.pk
            and earlier.contribution_id == (contribution.pk if contribution else None)
            and earlier.theme_id == (theme.pk if theme else None)
            and earlier.answered_by_id == actor.person_id
            and earlier.status == status
            and earlier.text == text
        ),
    )
    if contribution is not None and created:
        contribution.first_answered_at = Contribution.objects.values_list(
            "first_answered_at", flat=True
        ).get(pk=contribution.pk)
    return answer
