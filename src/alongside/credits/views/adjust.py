"""A person's credits, for a worker: their balance, and giving or taking credits with a reason.
Reached from the approve pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from alongside.accounts import selectors as people
from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.core.durations import time_words
from alongside.credits.forms_earning import AdjustForm
from alongside.credits.rules import CREDITS_APPROVE
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.selectors.earning import earnings_to_take_back
from alongside.credits.services.adjust import credits_adjust
from alongside.credits.sources import earning_sources
from alongside.credits.views.earning import no_store


@GET_POST
@requires(CREDITS_APPROVE)
def person_credits(request: Request, organisation: Organisation, person: uuid.UUID) -> HttpResponse:
    found = people.person_get(organisation=organisation, public_id=str(person))

    def adjust(data: dict[str, Any]) -> HttpResponse:
        credits_adjust(
            actor=request.actor,
            organisation=organisation,
            person=found,
            minutes=data["total_minutes"],
            reason=data["reason"],
            idempotency_key=data["idempotency_key"],
        )
        message = _("%(name)s's credits are changed.") % {"name": found.display_name}
        return done(request, message, "credits:earn-person", organisation.slug, found.public_id)

    balance = balance_of_person(organisation_id=organisation.pk, person_id=found.pk)
    to_take_back = earnings_to_take_back(organisation=organisation, person_id=found.pk)
    words = earning_sources.labels_of(to_take_back)
    return no_store(
        form_page(
            request,
            bound_form(AdjustForm, request),
            "credits/earn_person.html",
            {
                "title": _("Credits of %(name)s") % {"name": found.display_name},
                "organisation": organisation,
                "person": found,
                "balance": time_words(balance, none=_("No credits")),
                "earnings": [
                    (e, words[e.pk], time_words(e.minutes_credited)) for e in to_take_back
                ],
            },
            adjust,
        )
    )
