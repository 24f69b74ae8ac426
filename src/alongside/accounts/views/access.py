"""Getting back in: a worker's reset and claim codes, resetting with one; and API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors, services
from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    check_rate_per_account,
    one_time_secret_page,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params

# Checking an email address ------------------------------------------------------------------


@GET_POST
@requires(rules.EMAIL_VERIFY)
def email_verify(request: Request, key: str) -> HttpResponse:
    # Opening the link only shows a button: mail scanners follow links, and must not verify.
    form = bound_form(ConfirmForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_address_verify(key=key)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return render(
                request,
                "accounts/message.html",
                {
                    "title": _("Your email address is checked"),
                    "message": _(
                        "Thank you. You can now sign in with this email address, and if you "
                        "forget your passphrase you can ask for a link to choose a new one."
                    ),
                },
            )
    return render(
        request,
        "accounts/email_verify.html",
        {"form": form, "title": _("Check this is your email address")},
    )


# Passphrase reset with a worker's code ------------------------------------------------------


@GET_POST
@requires(rules.RESET_WITH_CODE)
def reset_with_code(request: Request) -> HttpResponse:
    form = bound_form(forms.ResetWithCodeForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            check_rate_per_account(
                request,
                "reset_code",
                login=form.cleaned_data["username"],
                message=_(
                    "Wait 5 minutes, then try again. If your code still does not work, "
                    "ask your youth worker for a new one."
                ),
            )
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

    return one_time_secret_page(
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

    return one_time_secret_page(
        request,
        organisation,
        person_id,
        "accounts/person_reset_code.html",
        _("Give a passphrase reset code"),
        act,
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
    form = bound_form(forms.ApiTokenForm, request)
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
    form = bound_form(ConfirmForm, request)
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
