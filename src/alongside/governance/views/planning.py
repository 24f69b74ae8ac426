"""Planning a meeting (clerks): plan, change or cancel it, write its agenda, add its papers
and publish them. And reading a paper, which every member of the organisation may do once
the papers are published (clerks read drafts, marked as not published yet)."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.errors import ApplicationError, NotFound
from alongside.governance import rules, selectors
from alongside.governance import selectors_meetings as meetings
from alongside.governance import selectors_planning as planning
from alongside.governance.forms_planning import (
    AgendaItemAddForm,
    AgendaItemForm,
    MeetingForm,
    MeetingPlanForm,
    PaperAddForm,
    PaperForm,
)
from alongside.governance.models import AgendaItem, GlossaryTerm, Meeting, Paper
from alongside.governance.services import planning as services
from alongside.governance.views.glossary import term_anchor
from alongside.govuk.pagination import paginate, pagination_params


def _meeting(organisation: Organisation, meeting_id: uuid.UUID) -> Meeting:
    return meetings.meeting_get(organisation=organisation, public_id=str(meeting_id))


def _to_meeting(organisation: Organisation, meeting: Meeting) -> str:
    return reverse("governance:meeting-detail", args=[organisation.slug, meeting.public_id])


def _to(name: str, organisation: Organisation, meeting: Meeting) -> str:
    return reverse(f"governance:{name}", args=[organisation.slug, meeting.public_id])


# The meeting itself


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_plan(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = bound_form(MeetingPlanForm, request)

    def plan(data: dict[str, Any]) -> HttpResponse:
        meeting = services.meeting_plan(
            actor=request.actor,
            board=board,
            title=data["title"],
            starts_at=data["starts_at"],
            location=data["location"],
            is_public=data["is_public"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Meeting planned. Now write its agenda."),
            "governance:agenda",
            organisation.slug,
            meeting.public_id,
        )

    return form_page(
        request,
        form,
        "governance/meeting_form.html",
        {
            "title": _("Plan a meeting"),
            "caption": board.name,
            "organisation": organisation,
            "button_text": _("Plan the meeting"),
            "cancel_url": reverse(
                "governance:board-detail", args=[organisation.slug, board.public_id]
            ),
        },
        plan,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    form = bound_form(
        MeetingForm,
        request,
        initial=MeetingForm.initial_for(
            title=meeting.title,
            starts_at=meeting.starts_at,
            location=meeting.location,
            is_public=meeting.is_public,
        ),
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        services.meeting_change(
            actor=request.actor,
            meeting=meeting,
            title=data["title"],
            starts_at=data["starts_at"],
            location=data["location"],
            is_public=data["is_public"],
        )
        return done(
            request,
            _("Meeting changed."),
            "governance:meeting-detail",
            organisation.slug,
            meeting.public_id,
        )

    return form_page(
        request,
        form,
        "governance/meeting_form.html",
        {
            "title": _("Change the meeting"),
            "caption": meeting.board.name,
            "organisation": organisation,
            "meeting": meeting,
            "button_text": _("Save the changes"),
            "cancel_url": _to_meeting(organisation, meeting),
        },
        change,
    )


def _confirm(
    request: Request,
    organisation: Organisation,
    meeting: Meeting,
    act: Any,
    *,
    title: str,
    explanation: str,
    button: str,
    message: str,
    to: str,
    cancel_url: str,
    button_classes: str = "",
) -> HttpResponse:
    form = bound_form(ConfirmForm, request)

    def confirmed(data: dict[str, Any]) -> HttpResponse:
        act()
        return done(request, message, to, organisation.slug, meeting.public_id)

    return form_page(
        request,
        form,
        "governance/meeting_confirm.html",
        {
            "title": title,
            "organisation": organisation,
            "meeting": meeting,
            "explanation": explanation,
            "button_text": button,
            "button_classes": button_classes,
            "cancel_url": cancel_url,
        },
        confirmed,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_cancel(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    return _confirm(
        request,
        organisation,
        meeting,
        lambda: services.meeting_cancel(actor=request.actor, meeting=meeting),
        title=_("Cancel the meeting"),
        explanation=_(
            "The meeting stays on the board's page, marked cancelled. Tell its members: "
            "they are not told automatically. You cannot undo this."
        ),
        button=_("Cancel the meeting"),
        button_classes="govuk-button--warning",
        message=_("Meeting cancelled."),
        to="governance:meeting-detail",
        cancel_url=_to_meeting(organisation, meeting),
    )


# The agenda


def _choices(organisation: Organisation, meeting: Meeting) -> dict[str, dict[int, Any]]:
    return {
        "theme": {t.pk: t for t in planning.themes_for_agenda(organisation=organisation)},
        "initiative": {i.pk: i for i in planning.initiatives_for_agenda(organisation=organisation)},
        "paper": {p.pk: p for p in planning.papers_for(meeting=meeting)},
    }


def _choice_lists(found: dict[str, dict[int, Any]]) -> dict[str, list[tuple[int, str]]]:
    return {
        # Two initiatives may each have a theme of the same name: say whose it is.
        "themes": [
            (pk, f"{t.name} ({t.initiative.title})" if t.initiative else t.name)
            for pk, t in found["theme"].items()
        ],
        "initiatives": [(pk, i.title) for pk, i in found["initiative"].items()],
        "papers": [(pk, p.title) for pk, p in found["paper"].items()],
    }


def _links(data: dict[str, Any], found: dict[str, dict[int, Any]]) -> dict[str, Any]:
    return {name: found[name].get(data[name]) if data[name] else None for name in found}


def _agenda_page(
    request: Request, organisation: Organisation, meeting: Meeting, refused: str = ""
) -> HttpResponse:
    page = paginate(request, planning.agenda_page(meeting=meeting), per_page=100)
    form = None
    if refused:
        # A move refused (the meeting finished meanwhile): said in the error summary.
        form = ConfirmForm({})
        form.add_error(None, refused)
    return render(
        request,
        "governance/agenda.html",
        {
            "title": _("Agenda"),
            "organisation": organisation,
            "meeting": meeting,
            "form": form,
            "items": page.object_list,
            "page": page,
            "pagination": pagination_params(request, page),
            "can_change": meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS),
            "last": page.paginator.count,
        },
        status=400 if refused else 200,
    )


@requires(rules.MEETING_RUN)
def agenda(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    return _agenda_page(request, organisation, _meeting(organisation, meeting_id))


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_add(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    found = _choices(organisation, meeting)
    form = bound_form(AgendaItemAddForm, request, **_choice_lists(found))

    def add(data: dict[str, Any]) -> HttpResponse:
        services.agenda_item_add(
            actor=request.actor,
            meeting=meeting,
            title=data["title"],
            plain_summary=data["plain_summary"],
            idempotency_key=data["idempotency_key"],
            **_links(data, found),
        )
        return done(
            request, _("Item added."), "governance:agenda", organisation.slug, meeting.public_id
        )

    return form_page(
        request,
        form,
        "governance/agenda_form.html",
        {
            "title": _("Add an agenda item"),
            "organisation": organisation,
            "meeting": meeting,
            "button_text": _("Add the item"),
            "cancel_url": _to("agenda", organisation, meeting),
        },
        add,
    )


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    return planning.agenda_item_get(meeting=meeting, pk=item_id)


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    item = _item(meeting, item_id)
    found = _choices(organisation, meeting)
    form = bound_form(
        AgendaItemForm,
        request,
        initial={
            "title": item.title,
            "plain_summary": item.plain_summary,
            "theme": item.theme_id,
            "initiative": item.initiative_id,
            "paper": item.paper_id,
        },
        **_choice_lists(found),
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        services.agenda_item_change(
            actor=request.actor,
            item=item,
            title=data["title"],
            plain_summary=data["plain_summary"],
            **_links(data, found),
        )
        return done(
            request, _("Item changed."), "governance:agenda", organisation.slug, meeting.public_id
        )

    return form_page(
        request,
        form,
        "governance/agenda_form.html",
        {
            "title": _("Change the agenda item"),
            "organisation": organisation,
            "meeting": meeting,
            "button_text": _("Save the changes"),
            "cancel_url": _to("agenda", organisation, meeting),
        },
        change,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_remove(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    item = _item(meeting, item_id)
    return _confirm(
        request,
        organisation,
        meeting,
        lambda: services.agenda_item_remove(actor=request.actor, item=item),
        title=_("Take “%(item)s” off the agenda?") % {"item": item.title},
        explanation=_("The items after it move up one place."),
        button=_("Take it off the agenda"),
        button_classes="govuk-button--warning",
        message=_("Item taken off the agenda."),
        to="governance:agenda",
        cancel_url=_to("agenda", organisation, meeting),
    )


@requires(rules.MEETING_RUN)
@require_POST
def agenda_move(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    item = _item(meeting, item_id)
    direction = request.POST.get("direction", "")
    try:
        services.agenda_item_move(actor=request.actor, item=item, direction=direction)
    except ApplicationError as refused:
        meeting.refresh_from_db()
        return _agenda_page(request, organisation, meeting, refused.message)
    return done(
        request,
        _("Moved up.") if direction == "up" else _("Moved down."),
        "governance:agenda",
        organisation.slug,
        meeting.public_id,
    )


# Papers


@requires(rules.BOARD_VIEW)
def paper_list(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
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
            "can_change": meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS),
        },
    )


@GET_POST
@requires(rules.MEETING_RUN)
def paper_add(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    form = bound_form(PaperAddForm, request)

    def add(data: dict[str, Any]) -> HttpResponse:
        paper = services.paper_add(
            actor=request.actor,
            meeting=meeting,
            title=data["title"],
            body=data["body"],
            plain_words=data["plain_words"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Paper added. Members can read it now.")
            if meeting.papers_published_at
            else _("Paper added. Members can read it once you publish the papers."),
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
            "title": _("Add a paper"),
            "organisation": organisation,
            "meeting": meeting,
            "published": meeting.papers_published_at is not None,
            "button_text": _("Add the paper"),
            "cancel_url": _to("paper-list", organisation, meeting),
        },
        add,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def paper_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    paper = planning.paper_get(meeting=meeting, public_id=str(paper_id))
    form = bound_form(
        PaperForm,
        request,
        initial={"title": paper.title, "plain_words": paper.plain_words, "body": paper.body},
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        services.paper_change(
            actor=request.actor,
            paper=paper,
            title=data["title"],
            body=data["body"],
            plain_words=data["plain_words"],
        )
        return done(
            request,
            _("Paper changed."),
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
            "title": _("Change the paper"),
            "organisation": organisation,
            "meeting": meeting,
            "published": meeting.papers_published_at is not None,
            "button_text": _("Save the changes"),
            "cancel_url": reverse(
                "governance:paper-detail",
                args=[organisation.slug, meeting.public_id, paper.public_id],
            ),
        },
        change,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def papers_publish(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    return _confirm(
        request,
        organisation,
        meeting,
        lambda: services.papers_publish(actor=request.actor, meeting=meeting),
        title=_("Publish the papers"),
        explanation=_(
            "Everyone in the organisation will be able to read this meeting's papers. Papers "
            "you add after this are published as soon as you add them. You cannot unpublish."
        ),
        button=_("Publish the papers"),
        message=_("Papers published. Members can read them now."),
        to="governance:paper-list",
        cancel_url=_to("paper-list", organisation, meeting),
    )


# The glossary page shows this many words a page (views/glossary.py).
GLOSSARY_PER_PAGE = 100


def _glossary_words(organisation: Organisation, paper: Paper) -> list[tuple[GlossaryTerm, int]]:
    """The glossary's words the paper uses, each with the glossary page it is on, so a link
    goes straight to it. One query: the glossary, in the order its page shows it."""
    texts = [paper.title, paper.plain_words, paper.body]
    return [
        (entry, index // GLOSSARY_PER_PAGE + 1)
        for index, entry in enumerate(selectors.glossary_for(organisation=organisation))
        if any(selectors.mentions(entry.term, text) for text in texts)
    ]


@requires(rules.BOARD_VIEW)
def paper_detail(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, paper_id: uuid.UUID
) -> HttpResponse:
    meeting = _meeting(organisation, meeting_id)
    can_run = request.actor.can(rules.MEETING_RUN, organisation)
    if not planning.paper_readable(meeting=meeting, can_run=can_run):
        # A draft is answered as a paper that does not exist: its title is not shown either.
        raise NotFound(planning.NO_PAPER)
    paper = planning.paper_get(meeting=meeting, public_id=str(paper_id))
    words = _glossary_words(organisation, paper)
    return render(
        request,
        "governance/paper_detail.html",
        {
            "title": paper.title,
            "organisation": organisation,
            "meeting": meeting,
            "paper": paper,
            "published": meeting.papers_published_at is not None,
            "terms": [
                (t, ("" if number == 1 else f"?page={number}") + "#" + term_anchor(t.term, t.pk))
                for t, number in words
            ],
            "can_run": can_run,
            "can_change": meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS),
        },
    )
