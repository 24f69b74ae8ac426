"""A meeting's papers: the list and reading one, which every member of the organisation may do
once the papers are published (clerks read drafts, marked as not published yet); and, for
clerks, adding a paper, changing it and publishing the papers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.core.errors import NotFound
from alongside.governance import rules, selectors
from alongside.governance import selectors_planning as planning
from alongside.governance.forms_planning import PaperAddForm, PaperForm
from alongside.governance.models import Meeting, Paper
from alongside.governance.services import papers as services
from alongside.governance.views._pages import (
    can_change,
    meeting_confirm,
    meeting_for,
    meeting_url,
)
from alongside.governance.views.glossary import term_link
from alongside.govuk.pagination import paginate, pagination_params


@requires(rules.BOARD_VIEW)
def paper_list(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    can_run = request.actor.can(rules.MEETING_RUN, organisation)
    readable = planning.paper_readable(meeting=meeting, can_run=can_run)
    papers = planning.papers_for(meeting=meeting)
    page = paginate(request, papers if readable else papers.none(), per_page=50)
    return render(
        request,
        "governance/paper_list.html",
        {
            "title": _("Papers"),
            "organisation": organisation,
            "meeting": meeting,
            "papers": page.object_list,
            "page": page,
            "pagination": pagination_params(request, page),
            "can_run": can_run,
            "can_change": can_change(meeting),
        },
    )


def _paper_page(
    request: Request,
    organisation: Organisation,
    meeting: Meeting,
    form: Any,
    save: Callable[[dict[str, Any]], Paper],
    *,
    title: str,
    button: str,
    message: str,
    cancel_url: str,
) -> HttpResponse:
    """The page adding or changing a paper: on a valid answer, ``save`` calls the service,
    then on to the paper."""

    def saved(data: dict[str, Any]) -> HttpResponse:
        paper = save(data)
        return done(
            request,
            message,
            "governance:paper-detail",
            organisation.slug,
            meeting.public_id,
            paper.public_id,
        )

    return form_page(
        request,
        form,
        "governance/paper_form.html",
        {
            "title": title,
            "organisation": organisation,
            "meeting": meeting,
            "published": meeting.papers_published_at is not None,
            "button_text": button,
            "cancel_url": cancel_url,
        },
        saved,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def paper_add(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    form = bound_form(PaperAddForm, request)

    def add(data: dict[str, Any]) -> Paper:
        return services.paper_add(
            actor=request.actor,
            meeting=meeting,
            title=data["title"],
            body=data["body"],
            plain_words=data["plain_words"],
            idempotency_key=data["idempotency_key"],
        )

    return _paper_page(
        request,
        organisation,
        meeting,
        form,
        add,
        title=_("Add a paper"),
        button=_("Add the paper"),
        message=_("Paper added. Members can read it now.")
        if meeting.papers_published_at
        else _("Paper added. Members can read it once you publish the papers."),
        cancel_url=meeting_url("governance:paper-list", organisation, meeting),
    )


@GET_POST
@requires(rules.MEETING_RUN)
def paper_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    paper = planning.paper_get(meeting=meeting, public_id=str(paper_id))
    form = bound_form(
        PaperForm,
        request,
        initial={"title": paper.title, "plain_words": paper.plain_words, "body": paper.body},
    )

    def change(data: dict[str, Any]) -> Paper:
        return services.paper_change(
            actor=request.actor,
            paper=paper,
            title=data["title"],
            body=data["body"],
            plain_words=data["plain_words"],
        )

    return _paper_page(
        request,
        organisation,
        meeting,
        form,
        change,
        title=_("Change the paper"),
        button=_("Save the changes"),
        message=_("Paper changed."),
        cancel_url=reverse(
            "governance:paper-detail", args=[organisation.slug, meeting.public_id, paper.public_id]
        ),
    )


@GET_POST
@requires(rules.MEETING_RUN)
def papers_publish(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: services.papers_publish(actor=request.actor, meeting=meeting),
        title=_("Publish the papers"),
        explanation=_(
            "Everyone in the organisation will be able to read this meeting's papers. Papers "
            "you add after this are published as soon as you add them. You cannot unpublish."
        ),
        button_text=_("Publish the papers"),
        button_classes="",
        message=_("Papers published. Members can read them now."),
        to="governance:paper-list",
        cancel_url=meeting_url("governance:paper-list", organisation, meeting),
    )


@requires(rules.BOARD_VIEW)
def paper_detail(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    can_run = request.actor.can(rules.MEETING_RUN, organisation)
    if not planning.paper_readable(meeting=meeting, can_run=can_run):
        # A draft is answered as a paper that does not exist: its title is not shown either.
        raise NotFound(planning.NO_PAPER)
    paper = planning.paper_get(meeting=meeting, public_id=str(paper_id))
    words = selectors.glossary_terms_in(organisation, [paper.title, paper.plain_words, paper.body])
    return render(
        request,
        "governance/paper_detail.html",
        {
            "title": paper.title,
            "organisation": organisation,
            "meeting": meeting,
            "paper": paper,
            "published": meeting.papers_published_at is not None,
            "terms": [(t, term_link(organisation, t, position)) for t, position in words],
            "can_run": can_run,
            "can_change": can_change(meeting),
        },
    )
