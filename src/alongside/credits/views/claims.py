"""Claims: a young person claims time they gave (with a check-your-answers step) and sees their
claims; a worker decides the waiting ones."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.durations import time_words
from alongside.core.errors import ApplicationError
from alongside.credits.forms_earning import ClaimForm, DecideClaimForm
from alongside.credits.rules import CREDITS_APPROVE, OWN_CREDITS
from alongside.credits.selectors.claims import claim_get, claims_of_person, claims_waiting
from alongside.credits.services.claims import claim_decide, claim_send
from alongside.credits.views.earning import no_store
from alongside.govuk.pagination import paginate, pagination_params


@requires(OWN_CREDITS)
def claims_mine(request: Request, organisation: Organisation) -> HttpResponse:
    assert request.actor.person_id is not None
    page = paginate(
        request,
        claims_of_person(organisation=organisation, person_id=request.actor.person_id),
    )
    return no_store(
        render(
            request,
            "credits/earn_claims_mine.html",
            {
                "title": _("Your claims"),
                "organisation": organisation,
                "claims": [(c, time_words(c.minutes)) for c in page.object_list],
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )


@GET_POST
@requires(OWN_CREDITS)
def claim_new(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(ClaimForm, request)
    context = {"title": _("Claim time you gave"), "organisation": organisation}
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "yes":
            try:
                claim_send(
                    actor=request.actor,
                    organisation=organisation,
                    description=data["description"],
                    done_on=data["done_on"],
                    minutes=data["total_minutes"],
                    idempotency_key=data["idempotency_key"],
                )
            except ApplicationError as error:
                apply_to_form(form, error)
            else:
                return done(
                    request,
                    _("Your claim is sent. A worker will look at it."),
                    "credits:earn-claims-mine",
                    organisation.slug,
                )
        else:
            return no_store(
                render(
                    request,
                    "credits/earn_claim_check.html",
                    {
                        **context,
                        "title": _("Check your claim"),
                        "form": form,
                        "data": data,
                        "time": time_words(data["total_minutes"]),
                    },
                )
            )
    return no_store(render(request, "credits/earn_claim_form.html", {"form": form, **context}))


@requires(CREDITS_APPROVE)
def claims_review(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, claims_waiting(organisation=organisation))
    return no_store(
        render(
            request,
            "credits/earn_claims_review.html",
            {
                "title": _("Claims to decide"),
                "organisation": organisation,
                "claims": [(c, time_words(c.minutes)) for c in page.object_list],
                "page": page,
                "pagination": pagination_params(request, page),
            },
        )
    )


@GET_POST
@requires(CREDITS_APPROVE)
def claim_decide_page(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    claim = claim_get(organisation=organisation, pk=pk)

    def decide(data: dict[str, Any]) -> HttpResponse:
        approve = data["decision"] == "approve"
        claim_decide(
            actor=request.actor,
            organisation=organisation,
            claim_id=claim.pk,
            approve=approve,
            note=data.get("note") or "",
        )
        message = _("The claim is approved.") if approve else _("The claim is not approved.")
        return done(request, message, "credits:earn-claims-review", organisation.slug)

    return no_store(
        form_page(
            request,
            bound_form(DecideClaimForm, request),
            "credits/earn_claim_decide.html",
            {
                "title": _("Decide a claim"),
                "organisation": organisation,
                "claim": claim,
                "time": time_words(claim.minutes),
            },
            decide,
        )
    )
