"""Applying to join a board (young people and residents): the open calls, one call, applying
one question per page (the answers wait in the session, never in the address), checking the
answers and sending them, and following and withdrawing one's applications. The staff's pages
are in ``calls.py``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.governance import rules
from alongside.governance import selectors_recruitment as recruitment
from alongside.governance.forms_recruitment import (
    BringForm,
    SendForm,
    SupportForm,
    WhyForm,
)
from alongside.governance.models import Application, Call
from alongside.governance.services import recruitment as services
from alongside.governance.views._pages import confirm_page, no_store
from alongside.govuk.pagination import paginate, pagination_params

APPLY_SESSION_KEY = "alongside_board_application"


def _call_url(name: str, organisation: Organisation, call: Call) -> str:
    return reverse(name, args=[organisation.slug, call.public_id])


@requires(rules.CALL_APPLY)
def call_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(
        request, recruitment.open_calls(organisation=organisation, today=timezone.localdate())
    )
    return render(
        request,
        "governance/call_list.html",
        {
            "title": _("Join a board"),
            "organisation": organisation,
            "calls": page.object_list,
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@requires(rules.CALL_APPLY)
def call_detail(request: Request, organisation: Organisation, call_id: uuid.UUID) -> HttpResponse:
    call = recruitment.call_get(organisation=organisation, public_id=str(call_id))
    return render(
        request,
        "governance/call_detail.html",
        {
            "title": call.title,
            "organisation": organisation,
            "call": call,
            "board": call.board,
            "is_open": recruitment.call_is_open(call, timezone.localdate())
            and call.board.closed_at is None,
            "mine": recruitment.own_application(call=call, person=request.actor.person),
        },
    )


STEPS = [
    "governance:application-why",
    "governance:application-bring",
    "governance:application-support",
    "governance:application-check",
]
# What each page needs the ones before it to have answered.
NEEDS: dict[str, tuple[str, ...]] = {
    "governance:application-why": (),
    "governance:application-bring": ("why",),
    "governance:application-support": ("why", "bring"),
    "governance:application-check": ("why", "bring", "support_needed"),
}


def _state(request: Request, call: Call) -> dict[str, Any]:
    state = dict(request.session.get(APPLY_SESSION_KEY, {}))
    if state.get("call") != str(call.public_id):
        state = {"call": str(call.public_id), "key": str(uuid.uuid4())}
    return state


def _next(
    request: Request, organisation: Organisation, call: Call, state: dict[str, Any], step: str
) -> HttpResponse:
    """The next page, or back to check your answers when they came from there to change one."""
    request.session[APPLY_SESSION_KEY] = state
    following = STEPS[-1] if state.get("checking") else STEPS[STEPS.index(step) + 1]
    return redirect(following, organisation.slug, call.public_id)


def _back(organisation: Organisation, call: Call, state: dict[str, Any], step: str) -> str:
    if state.get("checking") and step != STEPS[-1]:
        return _call_url(STEPS[-1], organisation, call)
    if step == STEPS[0]:
        return _call_url("governance:call-detail", organisation, call)
    return _call_url(STEPS[STEPS.index(step) - 1], organisation, call)


def _applying(
    request: Request, organisation: Organisation, call_id: uuid.UUID, step: str
) -> tuple[Call, dict[str, Any]] | HttpResponse:
    """The call and the answers so far, or where to go instead: the call's page if it is not
    open, the first question if an earlier one is unanswered."""
    call = recruitment.call_get(organisation=organisation, public_id=str(call_id))
    if not recruitment.call_is_open(call, timezone.localdate()) or call.board.closed_at:
        return redirect("governance:call-detail", organisation.slug, call.public_id)
    state = _state(request, call)
    if not all(key in state for key in NEEDS[step]):
        return redirect(STEPS[0], organisation.slug, call.public_id)
    return call, state


def _question(
    request: Request,
    organisation: Organisation,
    call_id: uuid.UUID,
    step: str,
    form_class: type[Any],
    field: str,
) -> HttpResponse:
    found = _applying(request, organisation, call_id, step)
    if isinstance(found, HttpResponse):
        return found
    call, state = found
    if step == STEPS[0] and recruitment.own_application(call=call, person=request.actor.person):
        return redirect("governance:call-detail", organisation.slug, call.public_id)
    form = bound_form(form_class, request, initial={field: state.get(field, "")})
    if request.method == "POST" and form.is_valid():
        state[field] = form.cleaned_data[field]
        return _next(request, organisation, call, state, step)
    return no_store(
        render(
            request,
            "governance/application_question.html",
            {
                "form": form,
                "title": str(form.fields[field].label),
                "organisation": organisation,
                "call": call,
                "back": _back(organisation, call, state, step),
            },
        )
    )


def _question_view(step: str, form_class: type[Any], field: str) -> Callable[..., HttpResponse]:
    """The view of one question page: the three differ only in their step, form and answer."""

    @GET_POST
    @requires(rules.CALL_APPLY)
    def view(request: Request, organisation: Organisation, call_id: uuid.UUID) -> HttpResponse:
        return _question(request, organisation, call_id, step, form_class, field)

    return view


application_why = _question_view(STEPS[0], WhyForm, "why")
application_bring = _question_view(STEPS[1], BringForm, "bring")
application_support = _question_view(STEPS[2], SupportForm, "support_needed")


@GET_POST
@requires(rules.CALL_APPLY)
def application_check(
    request: Request, organisation: Organisation, call_id: uuid.UUID
) -> HttpResponse:
    step = STEPS[-1]
    found = _applying(request, organisation, call_id, step)
    if isinstance(found, HttpResponse):
        return found
    call, state = found
    state["checking"] = True
    request.session[APPLY_SESSION_KEY] = state
    form = bound_form(SendForm, request, initial={"idempotency_key": state["key"]})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_send(
                actor=request.actor,
                call=call,
                why=state["why"],
                bring=state["bring"],
                support_needed=state["support_needed"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            request.session.pop(APPLY_SESSION_KEY, None)
            return redirect("governance:application-sent", organisation.slug, application.public_id)
    return no_store(
        render(
            request,
            "governance/application_check.html",
            {
                "form": form,
                "title": _("Check your answers"),
                "organisation": organisation,
                "call": call,
                "state": state,
                "back": _back(organisation, call, state, step),
            },
        )
    )


def _own(request: Request, organisation: Organisation, application_id: uuid.UUID) -> Application:
    application = recruitment.application_get(
        organisation=organisation, public_id=str(application_id)
    )
    if application.person_id != request.actor.person_id:
        raise PermissionDenied(_("Only the person who applied can see this page."))
    return application


@requires(rules.CALL_APPLY)
def application_sent(
    request: Request, organisation: Organisation, application_id: uuid.UUID
) -> HttpResponse:
    application = _own(request, organisation, application_id)
    return no_store(
        render(
            request,
            "governance/application_sent.html",
            {
                "title": _("Application sent"),
                "organisation": organisation,
                "application": application,
                "call": application.call,
            },
        )
    )


@GET_POST
@requires(rules.CALL_APPLY)
def application_withdraw(
    request: Request, organisation: Organisation, application_id: uuid.UUID
) -> HttpResponse:
    application = _own(request, organisation, application_id)
    return no_store(
        confirm_page(
            request,
            lambda: services.application_withdraw(actor=request.actor, application=application),
            template="governance/call_confirm.html",
            message=_("Your application has been withdrawn."),
            to="governance:application-mine",
            args=(organisation.slug,),
            title=_("Withdraw your application?"),
            organisation=organisation,
            explanation=_(
                "Staff will not read it or choose you through this call. You cannot "
                "apply through this call again."
            ),
            button_text=_("Withdraw my application"),
            cancel_url=reverse("governance:application-mine", args=[organisation.slug]),
        )
    )


@requires(rules.CALL_APPLY)
def application_mine(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(
        request,
        recruitment.applications_of(organisation=organisation, person=request.actor.person),
    )
    return no_store(
        render(
            request,
            "governance/application_mine.html",
            {
                "title": _("Your applications"),
                "organisation": organisation,
                "applications": page.object_list,
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )
