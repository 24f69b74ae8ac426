"""The worker's approve pages: occasions with time to approve, one occasion's people with the
credit the rules propose (all ticked, approved in bulk), and declining one person's time."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.core.durations import time_words
from alongside.credits.forms_earning import ApproveForm, ReasonForm
from alongside.credits.rules import CREDITS_APPROVE, CREDITS_MANAGE
from alongside.credits.selectors.earning import (
    PersonTime,
    occasion_people,
    occasions_to_approve,
)
from alongside.credits.services.earning import earning_decline, earnings_approve
from alongside.credits.sources import earning_sources
from alongside.govuk.pagination import PER_PAGE, pagination_params


def no_store(response: HttpResponse) -> HttpResponse:
    # Names and time given are personal: never kept by a browser or a proxy.
    response["Cache-Control"] = "no-store"
    return response


@requires(CREDITS_APPROVE)
def approve_list(request: Request, organisation: Organisation) -> HttpResponse:
    page = Paginator(occasions_to_approve(organisation=organisation), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "credits/earn_approve_list.html",
        {
            "title": _("Credits to approve"),
            "organisation": organisation,
            "waiting": [
                (
                    w.occasion,
                    ngettext("%(count)s person waiting", "%(count)s people waiting", w.waiting)
                    % {"count": w.waiting},
                )
                for w in page.object_list
            ],
            "page": page,
            "pagination": pagination_params(request, page),
            "can_manage": request.actor.can(CREDITS_MANAGE, organisation),
        },
    )


def _occasion(organisation: Organisation, source: str, occasion: uuid.UUID) -> list[PersonTime]:
    # Every source names its occasions "<code>:<public id>" (credits/sources.py).
    if earning_sources.get(source) is None:
        raise Http404
    rows = occasion_people(
        organisation=organisation, source=source, occasion_key=f"{source}:{occasion}"
    )
    if not rows:
        raise Http404
    return rows


def _decided(row: PersonTime) -> str:
    earning = row.earning
    assert earning is not None
    if earning.reversed_at is not None:
        return _("Credits taken back")
    if earning.status == earning.Status.DECLINED:
        return _("Not credited")
    return _("%(credit)s credited") % {
        "credit": time_words(earning.minutes_credited, none=_("No credits"))
    }


@GET_POST
@requires(CREDITS_APPROVE)
def approve_occasion(
    request: Request, organisation: Organisation, source: str, occasion: uuid.UUID
) -> HttpResponse:
    rows = _occasion(organisation, source, occasion)
    waiting = [row for row in rows if row.earning is None]
    choices = [(str(row.person.public_id), row.person.display_name) for row in waiting]
    hints = {
        str(row.person.public_id): _("Gave %(given)s. Credit: %(credit)s (%(rule)s)")
        % {
            "given": time_words(row.activity.minutes),
            "credit": time_words(row.proposed, none=_("none")),
            "rule": row.rule,
        }
        for row in waiting
    }
    by_public_id = {str(row.person.public_id): row.person.pk for row in waiting}
    form = bound_form(ApproveForm, request, choices=choices, hints=hints)

    def approve(data: dict[str, list[str]]) -> HttpResponse:
        made = earnings_approve(
            organisation=organisation,
            source=source,
            occasion_key=f"{source}:{occasion}",
            person_ids=[by_public_id[value] for value in data["people"]],
            actor=request.actor,
        )
        message = ngettext(
            "Credits approved for %(count)s person.",
            "Credits approved for %(count)s people.",
            len(made),
        ) % {"count": len(made)}
        return done(
            request, message, "credits:earn-approve-occasion", organisation.slug, source, occasion
        )

    first = rows[0].activity
    return no_store(
        form_page(
            request,
            form,
            "credits/earn_approve_occasion.html",
            {
                "title": first.label,
                "organisation": organisation,
                "group_label": first.group_label,
                "source": source,
                "occasion": occasion,
                "has_waiting": bool(waiting),
                "decided": [
                    (
                        row.person.display_name,
                        reverse(
                            "credits:earn-person", args=[organisation.slug, row.person.public_id]
                        ),
                        time_words(row.activity.minutes),
                        _decided(row),
                    )
                    for row in rows
                    if row.earning is not None
                ],
                "decline_links": [
                    (
                        row.person.display_name,
                        reverse(
                            "credits:earn-decline",
                            args=[organisation.slug, source, occasion, row.person.public_id],
                        ),
                    )
                    for row in waiting
                ],
            },
            approve,
        )
    )


@GET_POST
@requires(CREDITS_APPROVE)
def decline(
    request: Request,
    organisation: Organisation,
    source: str,
    occasion: uuid.UUID,
    person: uuid.UUID,
) -> HttpResponse:
    rows = _occasion(organisation, source, occasion)
    row = next((r for r in rows if r.person.public_id == person and r.earning is None), None)
    if row is None:
        raise Http404

    def refuse(data: dict[str, str]) -> HttpResponse:
        earning_decline(
            organisation=organisation,
            source=source,
            occasion_key=f"{source}:{occasion}",
            person_id=row.person.pk,
            reason=data["reason"],
            actor=request.actor,
        )
        return done(
            request,
            _("%(name)s's time was not credited. They can read why.")
            % {"name": row.person.display_name},
            "credits:earn-approve-occasion",
            organisation.slug,
            source,
            occasion,
        )

    return no_store(
        form_page(
            request,
            bound_form(ReasonForm, request),
            "credits/earn_decline.html",
            {
                "title": _("Do not credit %(name)s's time") % {"name": row.person.display_name},
                "organisation": organisation,
                "row": row,
                "given": time_words(row.activity.minutes),
                "back_url": reverse(
                    "credits:earn-approve-occasion", args=[organisation.slug, source, occasion]
                ),
            },
            refuse,
        )
    )
