"""Consent: a parent or carer agreeing by link, and the staff pages that record, request and
withdraw it."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts import forms, rules, selectors, services
from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    one_time_secret_page,
    requires,
)
from alongside.core.errors import ApplicationError, NotFound

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
    refusal = services.parent_consent_refusal(
        consent_request=consent_request, signed_in=request.actor.person
    )
    if refusal:
        return render(
            request,
            "accounts/message.html",
            {"title": _("Ask your parent or carer to open this link"), "message": _(refusal)},
            status=403,
        )
    form = bound_form(forms.ParentConsentForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_consent_give(
                token=token,
                purposes=form.cleaned_data["purposes"],
                given_by_name=form.cleaned_data["given_by_name"],
                relationship=form.cleaned_data["relationship"],
                relationship_other=form.cleaned_data["relationship_other"],
                signed_in=request.actor.person,
            )
        except NotFound as error:
            return render(
                request,
                "accounts/message.html",
                {"title": _("This link does not work"), "message": _(error.message)},
                status=404,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return render(
                request,
                "accounts/parent_consent_done.html",
                {
                    "title": _("Thank you"),
                    "consent_request": consent_request,
                    # Recorded as the giver (a child or young person was refused above).
                    "signed_in_parent": request.actor.person,
                },
            )
    return render(
        request,
        "accounts/parent_consent.html",
        {
            "form": form,
            "title": _("Agree to your child taking part"),
            "consent_request": consent_request,
            "signed_in_parent": request.actor.person,
        },
    )


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

    return one_time_secret_page(
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

    def request_by_email(data: dict[str, Any]) -> HttpResponse:
        services.parent_consent_email_request(
            actor=request.actor,
            organisation=organisation,
            person=person,
            email=data["email"],
            base_url=request.build_absolute_uri("/"),
        )
        return done(
            request,
            _("We are emailing the consent link to the parent or carer."),
            "accounts:person-detail",
            organisation.slug,
            person.public_id,
        )

    return form_page(
        request,
        bound_form(forms.ParentEmailForm, request),
        "accounts/person_consent_email.html",
        {
            "title": _("Email a consent link to a parent or carer"),
            "organisation": organisation,
            "person": person,
        },
        request_by_email,
    )


@GET_POST
@requires(rules.CONSENT_RECORD)
def person_consent_record(
    request: Request, organisation: Organisation, person_id: str
) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)

    def record(data: dict[str, Any]) -> HttpResponse:
        services.consent_record_from_form(
            actor=request.actor,
            organisation=organisation,
            person=person,
            purposes=data["purposes"],
        )
        return done(
            request,
            _("Consent recorded."),
            "accounts:person-detail",
            organisation.slug,
            person.public_id,
        )

    return form_page(
        request,
        bound_form(forms.RecordConsentForm, request),
        "accounts/person_consent_record.html",
        {
            "title": _("Record consent from a signed form"),
            "organisation": organisation,
            "person": person,
        },
        record,
    )


@GET_POST
@requires(rules.CONSENT_RECORD)
def consent_withdraw(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    consent = selectors.consent_get(organisation=organisation, pk=pk)

    def withdraw(data: dict[str, Any]) -> HttpResponse:
        services.consent_withdraw(actor=request.actor, consent=consent)
        return done(
            request,
            _("Consent withdrawn."),
            "accounts:person-detail",
            organisation.slug,
            consent.person.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/consent_withdraw.html",
        {
            "title": _("Record that consent is withdrawn"),
            "consent": consent,
            "organisation": organisation,
            "own": False,
        },
        withdraw,
    )
