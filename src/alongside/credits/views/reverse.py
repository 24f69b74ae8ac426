"""Taking back credits given by mistake: a worker gives the reason, the ledger reverses the
credit, and credits already spent are refused in words."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.core.durations import time_words
from alongside.credits.forms_earning import TakeBackForm
from alongside.credits.rules import CREDITS_APPROVE
from alongside.credits.selectors.earning import earning_to_take_back
from alongside.credits.services.earning import earning_reverse
from alongside.credits.sources import earning_sources
from alongside.credits.views.earning import no_store


@GET_POST
@requires(CREDITS_APPROVE)
def take_back(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    earning = earning_to_take_back(organisation=organisation, pk=pk)
    if earning is None:
        raise Http404

    def reverse_it(data: dict[str, Any]) -> HttpResponse:
        earning_reverse(
            organisation=organisation, earning=earning, reason=data["reason"], actor=request.actor
        )
        message = _("The credits are taken back from %(name)s.") % {
            "name": earning.person.display_name
        }
        return done(
            request, message, "credits:earn-person", organisation.slug, earning.person.public_id
        )

    return no_store(
        form_page(
            request,
            bound_form(TakeBackForm, request),
            "credits/earn_take_back.html",
            {
                "title": _("Take back credits"),
                "organisation": organisation,
                "earning": earning,
                "label": earning_sources.labels_of([earning])[earning.pk],
                "credited": time_words(earning.minutes_credited),
                "back_url": reverse(
                    "credits:earn-person", args=[organisation.slug, earning.person.public_id]
                ),
            },
            reverse_it,
        )
    )
