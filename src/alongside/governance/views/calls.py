"""Recruiting new members of a board (staff): a board's calls, opening one and closing it,
reading the applications and selecting people for vacant seats (or saying "not this time").
The applicant's pages are in ``applying.py``."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.governance import rules, selectors
from alongside.governance import selectors_recruitment as recruitment
from alongside.governance.forms_recruitment import (
    CallOpenForm,
    DeclineForm,
    SelectForm,
)
from alongside.governance.models import Application
from alongside.governance.services import recruitment as services
from alongside.governance.views._pages import confirm_page, no_store
from alongside.govuk.pagination import paginate, pagination_params

# Staff: a board's calls, opening and closing one ------------------------------------------


@requires(rules.BOARD_MANAGE)
def board_calls(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    page = paginate(request, recruitment.calls_for_board(board=board))
    today = timezone.localdate()
    return render(
        request,
        "governance/call_board_list.html",
        {
            "title": _("Calls for new members"),
            "organisation": organisation,
            "board": board,
            "calls": [(c, recruitment.call_is_open(c, today)) for c in page.object_list],
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def call_open(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = bound_form(CallOpenForm, request)

    def create(data: dict[str, Any]) -> HttpResponse:
        call = services.call_open(actor=request.actor, board=board, **data)
        return done(
            request,
            _("Call opened. Young people and residents can apply from “Join a board”."),
            "governance:call-applications",
            organisation.slug,
            call.public_id,
        )

    return form_page(
        request,
        form,
        "governance/call_open.html",
        {
            "title": _("Open a call for new members"),
            "organisation": organisation,
            "board": board,
            "button_text": _("Open the call"),
            "cancel_url": reverse(
                "governance:board-calls", args=[organisation.slug, board.public_id]
            ),
        },
        create,
    )


@requires(rules.BOARD_MANAGE)
def call_applications(
    request: Request, organisation: Organisation, call_id: uuid.UUID
) -> HttpResponse:
    call = recruitment.call_get(organisation=organisation, public_id=str(call_id))
    page = paginate(request, recruitment.applications_for_call(call=call))
    return no_store(
        render(
            request,
            "governance/call_applications.html",
            {
                "title": call.title,
                "organisation": organisation,
                "call": call,
                "is_open": recruitment.call_is_open(call, timezone.localdate()),
                "applications": page.object_list,
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def call_close(request: Request, organisation: Organisation, call_id: uuid.UUID) -> HttpResponse:
    call = recruitment.call_get(organisation=organisation, public_id=str(call_id))
    return confirm_page(
        request,
        lambda: services.call_close(actor=request.actor, call=call),
        template="governance/call_confirm.html",
        message=_("Call closed. It takes no more applications."),
        to="governance:call-applications",
        args=(organisation.slug, call.public_id),
        title=_("Close this call now?"),
        organisation=organisation,
        explanation=_(
            "Nobody else can apply once it is closed. Applications already sent stay, "
            "and you can still decide them."
        ),
        button_text=_("Close the call"),
        cancel_url=reverse(
            "governance:call-applications", args=[organisation.slug, call.public_id]
        ),
    )


# Staff: one application, and deciding it ---------------------------------------------------


def _application(organisation: Organisation, application_id: uuid.UUID) -> Application:
    return recruitment.application_get(organisation=organisation, public_id=str(application_id))


@requires(rules.BOARD_MANAGE)
def application_detail(
    request: Request, organisation: Organisation, application_id: uuid.UUID
) -> HttpResponse:
    application = _application(organisation, application_id)
    return no_store(
        render(
            request,
            "governance/application_detail.html",
            {
                "title": application.person.display_name,
                "organisation": organisation,
                "application": application,
                "call": application.call,
            },
        )
    )


def _decide_page(
    request: Request,
    organisation: Organisation,
    application: Application,
    form: Any,
    act: Any,
    *,
    title: str,
    button: str,
    message: str,
    **context: Any,
) -> HttpResponse:
    def decide(data: dict[str, Any]) -> HttpResponse:
        act(data)
        return done(
            request,
            message,
            "governance:call-applications",
            organisation.slug,
            application.call.public_id,
        )

    return no_store(
        form_page(
            request,
            form,
            "governance/application_decide.html",
            {
                "title": title,
                "organisation": organisation,
                "application": application,
                "button_text": button,
                "cancel_url": reverse(
                    "governance:application-detail", args=[organisation.slug, application.public_id]
                ),
                **context,
            },
            decide,
        )
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def application_select(
    request: Request, organisation: Organisation, application_id: uuid.UUID
) -> HttpResponse:
    application = _application(organisation, application_id)
    vacant = recruitment.vacant_seats(call=application.call)
    choices = [
        (seat.pk, _("%(role)s seat %(n)s") % {"role": seat.get_role_display(), "n": n})
        for n, seat in enumerate(vacant, start=1)
    ]
    form = bound_form(SelectForm, request, seats=choices)
    seats = {seat.pk: seat for seat in vacant}

    def select(data: dict[str, Any]) -> None:
        services.application_select(
            actor=request.actor,
            application=application,
            seat=seats[data["seat"]],
            outcome_message=data["outcome_message"],
        )

    return _decide_page(
        request,
        organisation,
        application,
        form,
        select,
        title=_("Select them for a seat"),
        button=_("Give them the seat"),
        message=_("Selected. They have the seat, and can read your message."),
        no_seats=not vacant,
    )


@GET_POST
@requires(rules.BOARD_MANAGE)
def application_decline(
    request: Request, organisation: Organisation, application_id: uuid.UUID
) -> HttpResponse:
    application = _application(organisation, application_id)
    form = bound_form(DeclineForm, request)

    def decline(data: dict[str, Any]) -> None:
        services.application_decline(
            actor=request.actor,
            application=application,
            outcome_message=data["outcome_message"],
        )

    return _decide_page(
        request,
        organisation,
        application,
        form,
        decline,
        title=_("Not selected this time"),
        button=_("Send the message"),
        message=_("Done. They can read your message in “Your applications”."),
    )
