"""A meeting's agenda (clerks): the list, adding an item, changing it, taking it off and
moving it up or down."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
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
from alongside.core.errors import ApplicationError
from alongside.governance import rules
from alongside.governance import selectors_planning as planning
from alongside.governance.forms_planning import AgendaItemAddForm, AgendaItemForm
from alongside.governance.models import AgendaItem, Meeting
from alongside.governance.services import agenda as services
from alongside.governance.views._pages import (
    can_change,
    meeting_confirm,
    meeting_for,
    meeting_url,
)
from alongside.govuk.pagination import paginate, pagination_params


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
            "can_change": can_change(meeting),
            "last": page.paginator.count,
        },
        status=400 if refused else 200,
    )


def _item_page(
    request: Request,
    organisation: Organisation,
    meeting: Meeting,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    *,
    title: str,
    button: str,
    message: str,
) -> HttpResponse:
    """The page adding or changing an item: on a valid answer, ``save`` calls the service,
    then back to the agenda."""

    def saved(data: dict[str, Any]) -> HttpResponse:
        save(data)
        return done(request, message, "governance:agenda", organisation.slug, meeting.public_id)

    return form_page(
        request,
        form,
        "governance/agenda_form.html",
        {
            "title": title,
            "organisation": organisation,
            "meeting": meeting,
            "button_text": button,
            "cancel_url": meeting_url("governance:agenda", organisation, meeting),
        },
        saved,
    )


@requires(rules.MEETING_RUN)
def agenda(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    return _agenda_page(request, organisation, meeting_for(organisation, meeting_id))


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_add(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    found = _choices(organisation, meeting)
    form = bound_form(AgendaItemAddForm, request, **_choice_lists(found))

    def add(data: dict[str, Any]) -> None:
        services.agenda_item_add(
            actor=request.actor,
            meeting=meeting,
            title=data["title"],
            plain_summary=data["plain_summary"],
            idempotency_key=data["idempotency_key"],
            **_links(data, found),
        )

    return _item_page(
        request,
        organisation,
        meeting,
        form,
        add,
        title=_("Add an agenda item"),
        button=_("Add the item"),
        message=_("Item added."),
    )


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    return planning.agenda_item_get(meeting=meeting, pk=item_id)


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
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

    def change(data: dict[str, Any]) -> None:
        services.agenda_item_change(
            actor=request.actor,
            item=item,
            title=data["title"],
            plain_summary=data["plain_summary"],
            **_links(data, found),
        )

    return _item_page(
        request,
        organisation,
        meeting,
        form,
        change,
        title=_("Change the agenda item"),
        button=_("Save the changes"),
        message=_("Item changed."),
    )


@GET_POST
@requires(rules.MEETING_RUN)
def agenda_remove(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    item = _item(meeting, item_id)
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: services.agenda_item_remove(actor=request.actor, item=item),
        title=_("Take “%(item)s” off the agenda?") % {"item": item.title},
        explanation=_("The items after it move up one place."),
        button_text=_("Take it off the agenda"),
        button_classes="govuk-button--warning",
        message=_("Item taken off the agenda."),
        to="governance:agenda",
        cancel_url=meeting_url("governance:agenda", organisation, meeting),
    )


@requires(rules.MEETING_RUN)
@require_POST
def agenda_move(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, item_id: int
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
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
