"""My account: what we hold about me, my consents, my data and deleting my account."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors, services
from alongside.accounts.models import Consent, Person
from alongside.accounts.roles import Role
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    requires,
)
from alongside.core.errors import ApplicationError


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
            "email_address": selectors.own_email_address(person=person),
            "consents": selectors.own_consents(person=person),
            "waiting": actor.awaiting_consent_in(),
            "own_consent_due": actor.own_consent_due_in(),
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
    form = bound_form(ConfirmForm, request)
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
@requires(rules.CHILD_CONSENT_WITHDRAW)
def child_consent_withdraw(request: Request, pk: int) -> HttpResponse:
    """A parent or carer withdraws a consent they gave for their child (listed on Home)."""
    consent = selectors.consent_given_for_other_get(person=_me(request), pk=pk)
    form = bound_form(ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(actor=request.actor, consent=consent)
        messages.success(
            request,
            _("You have withdrawn your consent for %(name)s.")
            % {"name": consent.person.display_name},
        )
        return redirect("home:index")
    return render(
        request,
        "accounts/consent_withdraw.html",
        {
            "form": form,
            "title": _("Withdraw consent for %(name)s") % {"name": consent.person.display_name},
            "consent": consent,
            "own": False,
            "cancel_url": reverse("home:index"),
        },
    )


@GET_POST
@requires(rules.OWN_ACCOUNT)
def my_deletion(request: Request) -> HttpResponse:
    actor = request.actor
    form = bound_form(ConfirmForm, request)
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


# Growing up ---------------------------------------------------------------------------------


@GET_POST
@requires(rules.OWN_ACCOUNT)
def own_consent(request: Request) -> HttpResponse:
    """At 13 or over, a young person's own choices replace what their parent agreed to."""
    actor = request.actor
    due = actor.own_consent_due_in()
    if not due:
        return redirect("accounts:my-account")
    organisation = due[0]
    if request.method == "GET":
        services.own_consent_asked(actor=actor)
    form = bound_form(forms.SelfConsentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.own_consent_give(
                actor=actor, organisation=organisation, purposes=form.cleaned_data["purposes"]
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            messages.success(
                request,
                _("Thank you. What you chose now replaces what your parent or carer agreed to."),
            )
            return redirect("accounts:own-consent" if len(due) > 1 else "home:index")
    parent_agreed = [
        consent
        for consent in selectors.consents_of(organisation=organisation, person=_me(request))
        if consent.is_active and consent.given_by != Consent.GivenBy.SELF
    ]
    return render(
        request,
        "accounts/own_consent.html",
        {
            "form": form,
            "title": _("You can now decide for yourself"),
            "organisation": organisation,
            "parent_agreed": parent_agreed,
        },
    )


@requires(rules.OWN_ACCOUNT)
def community_member(request: Request) -> HttpResponse:
    """Told once, on their next visit, that they have moved on from the youth offer."""
    person = _me(request)
    services.aged_out_told(actor=request.actor)
    return render(
        request,
        "accounts/community_member.html",
        {
            "title": _("You are now a community member"),
            "person": person,
            "organisations": [
                m.organisation
                for m in selectors.own_memberships(person=person)
                if m.role == Role.COMMUNITY_MEMBER
            ],
        },
    )
