"""My account: what we hold about me, my consents, my data and deleting my account."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts import rules, selectors, services
from alongside.accounts.models import Person
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    bound_form,
    requires,
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
