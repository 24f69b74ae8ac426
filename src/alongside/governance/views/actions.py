"""Actions from board meetings: adding one to a meeting (clerks), a board's actions (every
member), marking one done (its owner or a clerk) and "My actions"."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.governance import rules
from alongside.governance import selectors as board_selectors
from alongside.governance import selectors_meetings as meetings_selectors
from alongside.governance import selectors_minutes as selectors
from alongside.governance.forms_minutes import ActionAddForm, ActionDoneForm
from alongside.governance.services import actions as services
from alongside.governance.views._pages import no_store
from alongside.govuk.pagination import paginate, pagination_params


@GET_POST
@requires(rules.MEETING_RUN)
def action_add(request: Request, organisation: Organisation, meeting_id: uuid.UUID) -> HttpResponse:
    meeting = meetings_selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    owners = {p.pk: p for p in selectors.action_owners(board=meeting.board)}
    agenda = {item.pk: item for item in meetings_selectors.agenda_for(meeting=meeting)}
    form = bound_form(
        ActionAddForm,
        request,
        owners=[(pk, p.display_name) for pk, p in owners.items()],
        items=[(pk, item.title) for pk, item in agenda.items()],
    )

    def add(data: dict[str, Any]) -> HttpResponse:
        services.action_add(
            actor=request.actor,
            meeting=meeting,
            description=data["description"],
            owner=owners[data["owner"]],
            due_on=data["due_on"],
            agenda_item=agenda.get(data["agenda_item"]) if data["agenda_item"] else None,
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Action added. It is on the board's list of actions."),
            "governance:board-actions",
            organisation.slug,
            meeting.board.public_id,
        )

    return form_page(
        request,
        form,
        "governance/action_add.html",
        {
            "title": _("Add an action"),
            "organisation": organisation,
            "meeting": meeting,
            "button_text": _("Add the action"),
            "cancel_url": reverse(
                "governance:meeting-detail", args=[organisation.slug, meeting.public_id]
            ),
        },
        add,
    )


@requires(rules.BOARD_VIEW)
def board_actions(
    request: Request, organisation: Organisation, board_id: uuid.UUID
) -> HttpResponse:
    board = board_selectors.board_get(organisation=organisation, public_id=str(board_id))
    page = paginate(request, selectors.actions_for_board(board=board))
    return no_store(
        render(
            request,
            "governance/action_list.html",
            {
                "title": _("Actions"),
                "organisation": organisation,
                "board": board,
                "actions": page.object_list,
                "page": page,
                "pagination": pagination_params(request, page),
                "today": timezone.localdate(),
                "clerk": request.actor.can(rules.MEETING_RUN, organisation),
                "is_overdue": selectors.is_overdue,
            },
        )
    )


@GET_POST
@requires(rules.ACTION_DONE)
def action_done(request: Request, organisation: Organisation, action_id: uuid.UUID) -> HttpResponse:
    action = selectors.action_get(organisation=organisation, public_id=str(action_id))
    if action.owner_id != request.actor.person_id and not request.actor.can(
        rules.MEETING_RUN, organisation
    ):
        raise PermissionDenied("You do not have permission to see this page.")
    form = bound_form(ActionDoneForm, request)

    def mark(data: dict[str, Any]) -> HttpResponse:
        services.action_done(actor=request.actor, action=action, note=data["note"])
        return done(
            request,
            _("Action marked done."),
            "governance:board-actions",
            organisation.slug,
            action.meeting.board.public_id,
        )

    return no_store(
        form_page(
            request,
            form,
            "governance/action_done.html",
            {
                "title": _("Mark the action done"),
                "organisation": organisation,
                "action": action,
                "button_text": _("Mark it done"),
                "cancel_url": reverse(
                    "governance:board-actions",
                    args=[organisation.slug, action.meeting.board.public_id],
                ),
            },
            mark,
        )
    )


@requires(rules.ACTION_DONE)
def my_actions(request: Request, organisation: Organisation) -> HttpResponse:
    person = request.actor.person
    assert person is not None  # requires has sent anyone signed out to sign in
    page = paginate(request, selectors.actions_owned_by(organisation=organisation, person=person))
    return no_store(
        render(
            request,
            "governance/action_mine.html",
            {
                "title": _("My actions"),
                "organisation": organisation,
                "actions": page.object_list,
                "page": page,
                "pagination": pagination_params(request, page),
                "today": timezone.localdate(),
                "is_overdue": selectors.is_overdue,
            },
        )
    )
