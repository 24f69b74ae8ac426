"""Accounts pages. Each view: ask the policy (``requires``), validate a form, call a service."""

from __future__ import annotations

import json
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alongside.accounts import forms, rules, selectors, services
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from alongside.accounts.web import Request, apply_to_form, check_rate, requires
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params

GET_POST = require_http_methods(["GET", "POST"])
JOIN_SESSION_KEY = "alongside_join"


def _bound(form_class: type[django_forms.Form], request: Request, **kwargs: Any) -> Any:
    """Bind on POST even when the posted form is empty (``request.POST or None`` would not)."""
    if request.method == "POST":
        return form_class(request.POST, **kwargs)
    return form_class(**kwargs)


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
    form = _bound(forms.JoinCodeEntryForm, request, initial={"code": request.GET.get("code", "")})
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
    form = _bound(
        forms.UsernameForm,
        request,
        initial={
            "username": state.get("username", ""),
            "display_name": state.get("display_name", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
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
    form = _bound(forms.PassphraseForm, request)
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
    form = _bound(
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
    form = _bound(forms.EmailForm, request, initial={"email": state.get("email", "")})
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
    form = _bound(forms.ConfirmForm if under_13 else forms.SelfConsentForm, request)
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
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            del request.session[JOIN_SESSION_KEY]
            assert person.user is not None
            login(request, person.user, backend="django.contrib.auth.backends.ModelBackend")
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


# Parent or carer consent by link -----------------------------------------------------------


@GET_POST
@requires(rules.PARENT_CONSENT_GIVE)
def parent_consent(request: Request, token: str) -> HttpResponse:
    try:
        consent_request = services.parent_consent_request_get(token=token)
    except ApplicationError as error:
        return render(
            request,
            "accounts/message.html",
            {"title": _("This link does not work"), "message": error.message},
            status=404,
        )
    form = _bound(forms.ParentConsentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_consent_give(token=token, purposes=form.cleaned_data["purposes"])
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return render(
                request,
                "accounts/parent_consent_done.html",
                {"title": _("Thank you"), "consent_request": consent_request},
            )
    return render(
        request,
        "accounts/parent_consent.html",
        {
            "form": form,
            "title": _("Agree to your child taking part"),
            "consent_request": consent_request,
        },
    )


# Passphrase reset with a worker's code ------------------------------------------------------


@GET_POST
@requires(rules.RESET_WITH_CODE)
def reset_with_code(request: Request) -> HttpResponse:
    form = _bound(forms.ResetWithCodeForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            check_rate(request, "reset_code")
            services.reset_code_redeem(
                username=form.cleaned_data["username"],
                code=form.cleaned_data["code"],
                passphrase=form.cleaned_data["passphrase"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Your passphrase has been changed. You can sign in now."))
            return redirect("account_login")
    return render(
        request,
        "accounts/reset_with_code.html",
        {"form": form, "title": _("Reset your passphrase")},
    )


def _me(request: Request) -> Person:
    person = request.actor.person
    assert person is not None, "requires(OWN_ACCOUNT) lets only signed-in people in"
    return person


# My account ---------------------------------------------------------------------------------


@requires(rules.OWN_ACCOUNT)
def my_account(request: Request) -> HttpResponse:
    actor = request.actor
    person = _me(request)
    return render(
        request,
        "accounts/my_account.html",
        {
            "title": _("My account"),
            "person": person,
            "memberships": selectors.own_memberships(person=person),
            "consents": selectors.own_consents(person=person),
            "waiting": actor.awaiting_consent_in(),
            "is_staff": actor.is_staff,
        },
    )


@requires(rules.OWN_ACCOUNT)
def my_data(request: Request) -> HttpResponse:
    data = services.person_export_data(actor=request.actor)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-alongside-data.json"'
    return response


@GET_POST
@requires(rules.OWN_ACCOUNT)
def my_consent_withdraw(request: Request, pk: int) -> HttpResponse:
    actor = request.actor
    consent = selectors.own_consent_get(person=_me(request), pk=pk)
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(actor=actor, consent=consent)
        messages.success(request, _("You have withdrawn your consent."))
        return redirect("accounts:my-account")
    return render(
        request,
        "accounts/consent_withdraw.html",
        {"form": form, "title": _("Withdraw consent"), "consent": consent, "own": True},
    )


@GET_POST
@requires(rules.OWN_ACCOUNT)
def my_deletion(request: Request) -> HttpResponse:
    actor = request.actor
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.person_request_deletion(actor=actor)
        messages.success(
            request,
            _("We have your request. Your organisation will delete your account within one month."),
        )
        return redirect("accounts:my-account")
    return render(
        request,
        "accounts/my_deletion.html",
        {"form": form, "title": _("Ask for your account to be deleted"), "person": actor.person},
    )


# Organisation pages (staff) -------------------------------------------------------------------


@requires(rules.STAFF_DASHBOARD)
def organisation_home(request: Request, organisation: Organisation) -> HttpResponse:
    return render(
        request,
        "accounts/organisation_home.html",
        {
            "title": organisation.name,
            "organisation": organisation,
            "summary": selectors.organisation_summary(organisation=organisation),
        },
    )


@requires(rules.PEOPLE_VIEW)
def person_list(request: Request, organisation: Organisation) -> HttpResponse:
    filters = forms.PeopleFilterForm(request.GET)
    filters.is_valid()
    people = selectors.people_for_organisation(
        organisation=organisation,
        role=filters.cleaned_data.get("role", ""),
        search=filters.cleaned_data.get("q", ""),
        awaiting_parental_consent=filters.cleaned_data.get("waiting", False),
        deletion_requested=filters.cleaned_data.get("deletion", False),
    )
    page = paginate(request, people)
    rows = list(page.object_list)
    return render(
        request,
        "accounts/person_list.html",
        {
            "title": _("People"),
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "people": rows,
            "roles": selectors.roles_by_person(organisation=organisation, people=rows),
            "consented": selectors.consented_people(organisation=organisation, people=rows),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.PERSON_CREATE)
def person_create(request: Request, organisation: Organisation) -> HttpResponse:
    form = _bound(forms.OfflinePersonForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create_offline(
                actor=request.actor, organisation=organisation, **form.cleaned_data
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": person.display_name})
            return redirect("accounts:person-detail", organisation.slug, person.public_id)
    return render(
        request,
        "accounts/person_create.html",
        {
            "form": form,
            "title": _("Add someone who takes part offline"),
            "organisation": organisation,
        },
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def staff_invite(request: Request, organisation: Organisation) -> HttpResponse:
    form = _bound(forms.StaffInviteForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            person, invited = services.staff_invite(
                actor=request.actor,
                organisation=organisation,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if invited:
                message = _("We are emailing %(name)s a link to choose their password.")
            else:
                message = _("%(name)s already had an account. They now have this role here.")
            messages.success(request, message % {"name": person.display_name})
            return redirect("accounts:person-detail", organisation.slug, person.public_id)
    return render(
        request,
        "accounts/staff_invite.html",
        {
            "form": form,
            "title": _("Invite a member of staff"),
            "organisation": organisation,
        },
    )


@requires(rules.PEOPLE_VIEW)
def person_detail(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    actor = request.actor
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    services.person_record_view(actor=actor, organisation=organisation, person=person)
    consents = list(selectors.consents_of(organisation=organisation, person=person))
    return render(
        request,
        "accounts/person_detail.html",
        {
            "title": person.display_name,
            "organisation": organisation,
            "person": person,
            "memberships": selectors.memberships_of(organisation=organisation, person=person),
            "consents": consents,
            "takes_part": any(
                c.purpose == Consent.Purpose.TAKE_PART
                and c.is_active
                and not (person.needs_parental_consent and c.given_by == Consent.GivenBy.SELF)
                for c in consents
            ),
        },
    )


def _person_action(
    request: Request,
    organisation: Organisation,
    person_id: str,
    template: str,
    title: str,
    act: Any,
) -> HttpResponse:
    """Shared shape of 'confirm, then show a one-time secret' pages (codes and links)."""
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = _bound(forms.ConfirmForm, request)
    context: dict[str, Any] = {
        "form": form,
        "title": title,
        "organisation": organisation,
        "person": person,
    }
    if request.method == "POST" and form.is_valid():
        try:
            context["secret"] = act(person)
        except ApplicationError as error:
            apply_to_form(form, error)
    return render(request, template, context)


@GET_POST
@requires(rules.CONSENT_RECORD)
def person_consent_link(
    request: Request, organisation: Organisation, person_id: str
) -> HttpResponse:
    def act(person: Person) -> str:
        token = services.parent_consent_link_create(
            actor=request.actor, organisation=organisation, person=person
        )
        return request.build_absolute_uri(reverse("accounts:parent-consent", args=[token]))

    return _person_action(
        request,
        organisation,
        person_id,
        "accounts/person_consent_link.html",
        _("Send a consent link to a parent or carer"),
        act,
    )


@GET_POST
@requires(rules.CONSENT_RECORD)
def person_consent_email(
    request: Request, organisation: Organisation, person_id: str
) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = _bound(forms.ParentEmailForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_consent_email_request(
                actor=request.actor,
                organisation=organisation,
                person=person,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("We are emailing the consent link to the parent or carer."))
            return redirect("accounts:person-detail", organisation.slug, person.public_id)
    return render(
        request,
        "accounts/person_consent_email.html",
        {
            "form": form,
            "title": _("Email a consent link to a parent or carer"),
            "organisation": organisation,
            "person": person,
        },
    )


@GET_POST
@requires(rules.PERSON_INVITE)
def person_claim_code(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    def act(person: Person) -> str:
        join_code = services.join_code_create(
            actor=request.actor,
            organisation=organisation,
            label=_("Claim code"),
            days=7,
            claim_person=person,
        )
        return join_code.code

    return _person_action(
        request,
        organisation,
        person_id,
        "accounts/person_claim_code.html",
        _("Invite them to sign in"),
        act,
    )


@GET_POST
@requires(rules.PERSON_INVITE)
def person_reset_code(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    def act(person: Person) -> str:
        return services.reset_code_create(
            actor=request.actor, organisation=organisation, person=person
        )

    return _person_action(
        request,
        organisation,
        person_id,
        "accounts/person_reset_code.html",
        _("Give a passphrase reset code"),
        act,
    )


@GET_POST
@requires(rules.CONSENT_RECORD)
def person_consent_record(
    request: Request, organisation: Organisation, person_id: str
) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = _bound(forms.RecordConsentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record_from_form(
                actor=request.actor,
                organisation=organisation,
                person=person,
                purposes=form.cleaned_data["purposes"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("accounts:person-detail", organisation.slug, person.public_id)
    return render(
        request,
        "accounts/person_consent_record.html",
        {
            "form": form,
            "title": _("Record consent from a signed form"),
            "organisation": organisation,
            "person": person,
        },
    )


@GET_POST
@requires(rules.CONSENT_RECORD)
def consent_withdraw(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    consent = selectors.consent_get(organisation=organisation, pk=pk)
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(actor=request.actor, consent=consent)
        messages.success(request, _("Consent withdrawn."))
        return redirect("accounts:person-detail", organisation.slug, consent.person.public_id)
    return render(
        request,
        "accounts/consent_withdraw.html",
        {
            "form": form,
            "title": _("Record that consent is withdrawn"),
            "consent": consent,
            "organisation": organisation,
            "own": False,
        },
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def person_role_grant(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = _bound(forms.RoleGrantForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(
                actor=request.actor,
                organisation=organisation,
                person=person,
                role=form.cleaned_data["role"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Role given."))
            return redirect("accounts:person-detail", organisation.slug, person.public_id)
    return render(
        request,
        "accounts/person_role_grant.html",
        {"form": form, "title": _("Give a role"), "organisation": organisation, "person": person},
    )


@GET_POST
@requires(rules.PERSON_ERASE)
def person_erase(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_erase(actor=request.actor, organisation=organisation, person=person)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("The account and its personal details have been deleted."))
            return redirect("accounts:person-list", organisation.slug)
    return render(
        request,
        "accounts/person_erase.html",
        {
            "form": form,
            "title": _("Delete this account"),
            "organisation": organisation,
            "person": person,
        },
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def membership_revoke(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    membership = selectors.membership_get(organisation=organisation, pk=pk)
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_revoke(
                actor=request.actor, organisation=organisation, membership=membership
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(request, _("Role taken away."))
            return redirect(
                "accounts:person-detail", organisation.slug, membership.person.public_id
            )
    return render(
        request,
        "accounts/membership_revoke.html",
        {
            "form": form,
            "title": _("Take away a role"),
            "organisation": organisation,
            "membership": membership,
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
    form = _bound(forms.JoinCodeCreateForm, request)
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
    form = _bound(forms.ConfirmForm, request)
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


@requires(rules.AUDIT_VIEW)
def audit_list(request: Request, organisation: Organisation) -> HttpResponse:
    actions = selectors.audit_actions_for_organisation(organisation=organisation)
    filters = forms.AuditFilterForm(request.GET, actions=actions)
    filters.is_valid()
    events = selectors.audit_events_for_organisation(
        organisation=organisation, action=filters.cleaned_data.get("action", "")
    )
    page = paginate(request, events, per_page=50)
    rows = list(page.object_list)
    return render(
        request,
        "accounts/audit_list.html",
        {
            "title": _("Audit trail"),
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "events": rows,
            "actors": selectors.display_names(person_ids={e.actor_id for e in rows if e.actor_id}),
            "pagination": pagination_params(request, page),
        },
    )


@requires(rules.API_TOKEN_MANAGE)
def api_token_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.api_tokens_for_organisation(organisation=organisation))
    return render(
        request,
        "accounts/api_token_list.html",
        {
            "title": _("API tokens"),
            "organisation": organisation,
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.API_TOKEN_MANAGE)
def api_token_create(request: Request, organisation: Organisation) -> HttpResponse:
    form = _bound(forms.ApiTokenForm, request)
    context: dict[str, Any] = {
        "form": form,
        "title": _("Make an API token"),
        "organisation": organisation,
    }
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.api_token_create(
                actor=request.actor,
                organisation=organisation,
                name=form.cleaned_data["name"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            context.update(token=token, secret=secret)
    return render(request, "accounts/api_token_create.html", context)


@GET_POST
@requires(rules.API_TOKEN_MANAGE)
def api_token_revoke(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    token = selectors.api_token_get(organisation=organisation, pk=pk)
    form = _bound(forms.ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.api_token_revoke(actor=request.actor, organisation=organisation, token=token)
        messages.success(request, _("Token revoked."))
        return redirect("accounts:api-token-list", organisation.slug)
    return render(
        request,
        "accounts/api_token_revoke.html",
        {
            "form": form,
            "title": _("Revoke an API token"),
            "organisation": organisation,
            "token": token,
        },
    )
