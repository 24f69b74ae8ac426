"""Joining with a code, one question per page; and the staff pages that make join codes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors, services
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    check_rate,
    client_address,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params

JOIN_SESSION_KEY = "alongside_join"

# Joining with a code: one question per page ------------------------------------------------


def _join_state(request: Request) -> dict[str, Any]:
    return dict(request.session.get(JOIN_SESSION_KEY, {}))


def _save_join_state(request: Request, state: dict[str, Any]) -> None:
    request.session[JOIN_SESSION_KEY] = state


def _join_steps(state: dict[str, Any]) -> list[str]:
    """The pages this person sees, which depend on the code and on their age."""
    steps = ["accounts:join-code", "accounts:join-username", "accounts:join-passphrase"]
    if state.get("role") == Role.YOUNG_PERSON and not state.get("claim"):
        steps.append("accounts:join-birth")
    if not state.get("under_13"):
        steps.append("accounts:join-email")
    steps.append("accounts:join-consent")
    return steps


def _next_step(state: dict[str, Any], current: str) -> HttpResponseRedirect:
    steps = _join_steps(state)
    return redirect(steps[steps.index(current) + 1])


def _previous_step(state: dict[str, Any], current: str) -> str:
    steps = _join_steps(state)
    index = steps.index(current) if current in steps else 0
    return reverse(steps[max(index - 1, 0)])


def _join_guard(request: Request, needs: tuple[str, ...]) -> dict[str, Any] | None:
    state = _join_state(request)
    if not all(key in state for key in needs):
        return None
    return state


@GET_POST
@requires(rules.JOIN)
def join_code(request: Request) -> HttpResponse:
    form = bound_form(
        forms.JoinCodeEntryForm, request, initial={"code": request.GET.get("code", "")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_rate(request, "join_code")
            code = services.join_code_check(code=form.cleaned_data["code"])
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            _save_join_state(
                request,
                {
                    "code": code.code,
                    "role": code.role,
                    "claim": code.claim_person_id is not None,
                    # A claimed record has its birth date already, so no birth page sets this.
                    "under_13": bool(
                        code.claim_person and code.claim_person.needs_parental_consent
                    ),
                    "organisation": code.organisation.name,
                },
            )
            return redirect("accounts:join-username")
    return render(
        request, "accounts/join_code.html", {"form": form, "title": _("Join with a code")}
    )


@GET_POST
@requires(rules.JOIN)
def join_username(request: Request) -> HttpResponse:
    state = _join_guard(request, ("code",))
    if state is None:
        return redirect("accounts:join-code")
    form = bound_form(
        forms.UsernameForm,
        request,
        initial={
            "username": state.get("username", ""),
            "display_name": state.get("display_name", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            check_rate(
                request,
                "join_username",
                key=f"{request.session.session_key}|{client_address(request)}",
            )
            state["username"] = services.username_check(form.cleaned_data["username"])
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            state["display_name"] = form.cleaned_data["display_name"]
            _save_join_state(request, state)
            return _next_step(state, "accounts:join-username")
    return render(
        request,
        "accounts/join_step.html",
        {
            "form": form,
            "title": _("Choose a username"),
            "state": state,
            "back": _previous_step(state, "accounts:join-username"),
        },
    )


@GET_POST
@requires(rules.JOIN)
def join_passphrase(request: Request) -> HttpResponse:
    state = _join_guard(request, ("code", "username"))
    if state is None:
        return redirect("accounts:join-code")
    form = bound_form(forms.PassphraseForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.passphrase_check(form.cleaned_data["passphrase"], username=state["username"])
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            state["passphrase_hash"] = make_password(form.cleaned_data["passphrase"])
            _save_join_state(request, state)
            return _next_step(state, "accounts:join-passphrase")
    return render(
        request,
        "accounts/join_step.html",
        {
            "form": form,
            "title": _("Choose a passphrase"),
            "state": state,
            "back": _previous_step(state, "accounts:join-passphrase"),
        },
    )


@GET_POST
@requires(rules.JOIN)
def join_birth(request: Request) -> HttpResponse:
    state = _join_guard(request, ("code", "username", "passphrase_hash"))
    if state is None:
        return redirect("accounts:join-code")
    form = bound_form(
        forms.BirthForm,
        request,
        initial={"birth_month": state.get("birth_month"), "birth_year": state.get("birth_year")},
    )
    if request.method == "POST" and form.is_valid():
        probe = Person(
            kind=Person.Kind.YOUNG_PERSON,
            birth_month=form.cleaned_data["birth_month"],
            birth_year=form.cleaned_data["birth_year"],
        )
        age = probe.age
        if age is not None and age < 0:
            form.add_error("birth_year", _("Month and year of birth must be in the past"))
        else:
            state.update(
                birth_month=probe.birth_month,
                birth_year=probe.birth_year,
                under_13=probe.needs_parental_consent,
            )
            _save_join_state(request, state)
            return _next_step(state, "accounts:join-birth")
    return render(
        request,
        "accounts/join_birth.html",
        {
            "form": form,
            "title": _("When were you born?"),
            "state": state,
            "back": _previous_step(state, "accounts:join-birth"),
        },
    )


@GET_POST
@requires(rules.JOIN)
def join_email(request: Request) -> HttpResponse:
    state = _join_guard(request, ("code", "username", "passphrase_hash"))
    if state is None or state.get("under_13"):
        return redirect("accounts:join-code")
    form = bound_form(forms.EmailForm, request, initial={"email": state.get("email", "")})
    if request.method == "POST" and form.is_valid():
        state["email"] = form.cleaned_data["email"]
        _save_join_state(request, state)
        return _next_step(state, "accounts:join-email")
    return render(
        request,
        "accounts/join_step.html",
        {
            "form": form,
            "title": _("Email address (optional)"),
            "state": state,
            "back": _previous_step(state, "accounts:join-email"),
        },
    )


@GET_POST
@requires(rules.JOIN)
def join_consent(request: Request) -> HttpResponse:
    state = _join_guard(request, ("code", "username", "passphrase_hash"))
    if state is None:
        return redirect("accounts:join-code")
    under_13 = bool(state.get("under_13"))
    form = bound_form(ConfirmForm if under_13 else forms.SelfConsentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.join_code_redeem(
                code=state["code"],
                username=state["username"],
                passphrase_hash=state["passphrase_hash"],
                display_name=state.get("display_name", ""),
                birth_month=state.get("birth_month"),
                birth_year=state.get("birth_year"),
                email=state.get("email", ""),
                consent_purposes=[] if under_13 else form.cleaned_data["purposes"],
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            del request.session[JOIN_SESSION_KEY]
            assert person.user is not None
            login(request, person.user, backend="alongside.accounts.auth_backends.ModelBackend")
            services.sign_in_record(user=person.user)
            request.session["alongside_joined"] = True
            return redirect("accounts:join-done")
    return render(
        request,
        "accounts/join_consent.html",
        {
            "form": form,
            "title": _("Before you start") if under_13 else _("What you agree to"),
            "state": state,
            "under_13": under_13,
            "back": _previous_step(state, "accounts:join-consent"),
        },
    )


@requires(rules.OWN_ACCOUNT)
def join_done(request: Request) -> HttpResponse:
    actor = request.actor
    return render(
        request,
        "accounts/join_done.html",
        {
            "title": _("Your account is ready"),
            "person": actor.person,
            "waiting": actor.awaiting_consent_in(),
        },
    )


@requires(rules.JOIN_CODE_MANAGE)
def join_code_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.join_codes_for_organisation(organisation=organisation))
    return render(
        request,
        "accounts/join_code_list.html",
        {
            "title": _("Join codes"),
            "organisation": organisation,
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.JOIN_CODE_MANAGE)
def join_code_create(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(forms.JoinCodeCreateForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            join_code = services.join_code_create(
                actor=request.actor, organisation=organisation, **form.cleaned_data
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Join code %(code)s is ready.") % {"code": join_code.code})
            return redirect("accounts:join-code-list", organisation.slug)
    return render(
        request,
        "accounts/join_code_create.html",
        {"form": form, "title": _("Make a join code"), "organisation": organisation},
    )


@GET_POST
@requires(rules.JOIN_CODE_MANAGE)
def join_code_revoke(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    join_code = selectors.join_code_get(organisation=organisation, pk=pk)
    form = bound_form(ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.join_code_revoke(
            actor=request.actor, organisation=organisation, join_code=join_code
        )
        messages.success(request, _("Join code revoked. Nobody else can join with it."))
        return redirect("accounts:join-code-list", organisation.slug)
    return render(
        request,
        "accounts/join_code_revoke.html",
        {
            "form": form,
            "title": _("Revoke a join code"),
            "organisation": organisation,
            "join_code": join_code,
        },
    )
