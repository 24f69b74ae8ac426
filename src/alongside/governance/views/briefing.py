"""Support for young members around a meeting: their briefing (what it is about, the papers
in plain words, the words they might not know, who else will be there), the private
question they can send the chair or support worker, and the inbox where those answer it.

The briefing and the question are for members of the meeting's board only; everyone else is
refused as the edge refuses. A question is seen by its sender and whoever it was sent to.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.governance import rules
from alongside.governance import selectors_briefing as selectors
from alongside.governance.forms_briefing import QuestionForm, ReplyForm
from alongside.governance.models import BriefingQuestion, Meeting
from alongside.governance.services import questions
from alongside.governance.views._pages import no_store
from alongside.governance.views.glossary import term_link
from alongside.govuk.pagination import paginate, pagination_params


def _person(request: Request) -> Person:
    person = request.actor.person
    assert person is not None  # requires() sent anyone signed out to sign in
    return person


def _member_meeting(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> Any:
    return selectors.member_meeting_get(
        organisation=organisation, public_id=str(meeting_id), person=_person(request)
    )


def who_reads(readers: selectors.Readers, organisation: Organisation) -> str:
    """Who will read a question, in a sentence for the person sending it."""
    if readers.to == BriefingQuestion.To.CHAIR and readers.person is not None:
        return _("%(name)s, the chair of the board, will read it.") % {
            "name": readers.person.display_name
        }
    if readers.to == BriefingQuestion.To.SUPPORT_WORKER and readers.person is not None:
        return _("%(name)s, the support worker for the board, will read it.") % {
            "name": readers.person.display_name
        }
    return _(
        "The staff at %(organisation)s who look after its boards (its admins) will read it."
    ) % {"organisation": organisation.name}


def reader_name(readers: selectors.Readers) -> str:
    """Who reads a question, short, for the list of someone's questions."""
    if readers.to == BriefingQuestion.To.CHAIR and readers.person is not None:
        return _("%(name)s, the chair") % {"name": readers.person.display_name}
    if readers.to == BriefingQuestion.To.SUPPORT_WORKER and readers.person is not None:
        return _("%(name)s, the support worker") % {"name": readers.person.display_name}
    return _("The staff who look after boards")


def _is_open(meeting: Meeting) -> bool:
    return meeting.status in questions.OPEN


@requires(rules.BRIEFING_VIEW)
def briefing(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting, seat = _member_meeting(request, organisation, meeting_id)
    person = _person(request)
    found = selectors.briefing_for(meeting=meeting, person=person)
    page = paginate(request, selectors.questions_of(meeting=meeting, person=person), per_page=10)
    return no_store(
        render(
            request,
            "governance/briefing.html",
            {
                "title": _("Your briefing: %(meeting)s") % {"meeting": meeting.title},
                "organisation": organisation,
                "meeting": meeting,
                "board": meeting.board,
                "seat": seat,
                "briefing": found,
                "words": [(t, term_link(organisation, t, position)) for t, position in found.words],
                "open": _is_open(meeting),
                "questions": page.object_list,
                "sent_to": {
                    question.pk: reader_name(selectors.reader_of(question))
                    for question in page.object_list
                },
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )


@GET_POST
@requires(rules.BRIEFING_VIEW)
def question_send(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting, _seat = _member_meeting(request, organisation, meeting_id)
    recipients = selectors.recipients(meeting.board, _person(request))
    form = bound_form(QuestionForm, request, recipients=recipients)

    def send(data: dict[str, Any]) -> HttpResponse:
        question = questions.question_send(
            actor=request.actor,
            meeting=meeting,
            kind=data["kind"],
            to=data.get("to", ""),
            text=data["text"],
            idempotency_key=data["idempotency_key"],
        )
        # The page it goes to is the confirmation panel: no banner saying it again.
        return redirect(
            "governance:question-sent", organisation.slug, meeting.public_id, question.public_id
        )

    return no_store(
        form_page(
            request,
            form,
            "governance/question_form.html",
            {
                "title": _("Ask or raise something privately"),
                "organisation": organisation,
                "meeting": meeting,
                "open": _is_open(meeting),
                # With nobody to choose from, the page says who reads it instead.
                "who_reads": ""
                if recipients
                else who_reads(selectors.Readers("admins", None), organisation),
                "button_text": _("Send it"),
                "cancel_url": reverse(
                    "governance:briefing", args=[organisation.slug, meeting.public_id]
                ),
            },
            send,
        )
    )


@requires(rules.BRIEFING_VIEW)
def question_sent(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, question_id: uuid.UUID
) -> HttpResponse:
    meeting, _seat = _member_meeting(request, organisation, meeting_id)
    question = selectors.question_of(
        meeting=meeting, person=_person(request), public_id=str(question_id)
    )
    return no_store(
        render(
            request,
            "governance/question_sent.html",
            {
                "title": _("Your question"),
                "organisation": organisation,
                "meeting": meeting,
                "question": question,
                "who_reads": who_reads(selectors.reader_of(question), organisation),
            },
        )
    )


def _admin(request: Request, organisation: Organisation) -> bool:
    return Role.ORG_ADMIN in request.actor.roles_in(organisation.pk)


@requires(rules.QUESTION_ANSWER)
def question_inbox(request: Request, organisation: Organisation) -> HttpResponse:
    found = selectors.inbox_for(
        organisation=organisation, person=_person(request), admin=_admin(request, organisation)
    )
    page = paginate(request, found)
    return no_store(
        render(
            request,
            "governance/question_inbox.html",
            {
                "title": _("Questions from board members"),
                "organisation": organisation,
                "questions": page.object_list,
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )


@GET_POST
@requires(rules.QUESTION_ANSWER)
def question_reply(
    request: Request, organisation: Organisation, question_id: uuid.UUID
) -> HttpResponse:
    question = selectors.inbox_question_get(
        organisation=organisation,
        person=_person(request),
        admin=_admin(request, organisation),
        public_id=str(question_id),
    )
    form = bound_form(ReplyForm, request)

    def reply(data: dict[str, Any]) -> HttpResponse:
        questions.question_reply(actor=request.actor, question=question, reply=data["reply"])
        return done(
            request,
            _("Answer sent. Only the person who asked can read it."),
            "governance:question-inbox",
            organisation.slug,
        )

    return no_store(
        form_page(
            request,
            form,
            "governance/question_reply.html",
            {
                "title": _("Answer a question"),
                "organisation": organisation,
                "question": question,
                "meeting": question.meeting,
                "button_text": _("Send the answer"),
                "cancel_url": reverse("governance:question-inbox", args=[organisation.slug]),
            },
            reply,
        )
    )
