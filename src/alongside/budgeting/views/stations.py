"""Staff pages for polling stations: the round's stations, opening, cancelling and closing one,
a station's counts, and checking young people in to vote on the tablet or on paper."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts import selectors as people
from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.forms_stations import (
    HOW_PAPER,
    CheckInForm,
    FindForm,
    StationOpenForm,
)
from alongside.budgeting.models import Participation, PollingStation, Round
from alongside.budgeting.permissions import POLLING_STATION_RUN, ROUND_MANAGE, ROUND_VIEW
from alongside.budgeting.views import stations_kiosk
from alongside.budgeting.views.stations_common import (
    round_of,
    station_of,
    station_state,
    station_url,
)
from alongside.core.errors import ApplicationError, NotFound
from alongside.govuk.pagination import paginate, pagination_params

CHECK_IN_PER_PAGE = 20


@requires(POLLING_STATION_RUN)
def station_list(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    page = paginate(request, stations.stations_of(round_=round_))
    return render(
        request,
        "budgeting/stations_list.html",
        {
            "title": _("Polling stations"),
            "organisation": organisation,
            "round": round_,
            "stations": [(s, station_state(s)) for s in page.object_list],
            "page": page,
            "pagination": pagination_params(request, page),
            "can_resolve": request.actor.can(ROUND_MANAGE, organisation),
            "can_see_turnout": request.actor.can(ROUND_VIEW, organisation),
        },
    )


@GET_POST
@requires(POLLING_STATION_RUN)
def station_open(request: Request, organisation: Organisation, round_id: uuid.UUID) -> HttpResponse:
    round_ = round_of(organisation, round_id)
    areas = list(selectors.areas_of(round_=round_))

    def open_(data: dict[str, Any]) -> HttpResponse:
        station = services.station_open(
            actor=request.actor,
            round_=round_,
            name=data["name"],
            area=data.get("area"),
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("%(name)s is set up as a polling station.") % {"name": station.name},
            "budgeting:station-detail",
            organisation.slug,
            round_.public_id,
            station.pk,
        )

    form = bound_form(
        StationOpenForm,
        request,
        areas=areas,
        area_required=round_.area_voting == Round.AreaVoting.OWN,
    )
    return form_page(
        request,
        form,
        "budgeting/stations_open.html",
        {
            "title": _("Open a polling station"),
            "organisation": organisation,
            "round": round_,
        },
        open_,
    )


@requires(POLLING_STATION_RUN)
def station_detail(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)
    return render(
        request,
        "budgeting/stations_detail.html",
        {
            "title": station.name,
            "organisation": organisation,
            "round": station.round,
            "station": station,
            "state": station_state(station),
            "counts": stations.station_counts(station=station),
            "can_resolve": request.actor.can(ROUND_MANAGE, organisation),
        },
    )


@GET_POST
@requires(POLLING_STATION_RUN)
def station_close(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)

    def close(data: dict[str, Any]) -> HttpResponse:
        services.station_close(actor=request.actor, station=station)
        return done(
            request,
            _("%(name)s is closed. Nobody can be checked in there now.") % {"name": station.name},
            "budgeting:station-detail",
            organisation.slug,
            station.round.public_id,
            station.pk,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/stations_close.html",
        {
            "title": _("Close %(name)s early") % {"name": station.name},
            "organisation": organisation,
            "round": station.round,
            "station": station,
            "state": station_state(station),
            "cancel_url": station_url("budgeting:station-detail", organisation, station),
        },
        close,
    )


@GET_POST
@requires(POLLING_STATION_RUN)
def station_cancel(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)

    def cancel(data: dict[str, Any]) -> HttpResponse:
        services.station_cancel(actor=request.actor, station=station)
        return done(
            request,
            _("%(name)s is cancelled. Nobody can vote there.") % {"name": station.name},
            "budgeting:station-list",
            organisation.slug,
            station.round.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "budgeting/stations_cancel.html",
        {
            "title": _("Cancel %(name)s") % {"name": station.name},
            "organisation": organisation,
            "round": station.round,
            "station": station,
            "state": station_state(station),
            "cancel_url": station_url("budgeting:station-detail", organisation, station),
        },
        cancel,
    )


# Checking in ---------------------------------------------------------------------------------


def _status(round_: Round, station: PollingStation, person: Any, earlier: Any) -> dict[str, Any]:
    """What the check-in list says about one young person (never their age or birth date)."""
    if earlier is not None:
        waiting = (
            earlier.polling_station_id == station.pk
            and earlier.channel == Participation.Channel.KIOSK
            and not earlier.has_ballot
        )
        return {"person": person, "state": "tablet_waiting" if waiting else "voted"}
    problem = services.voter_problem(round_, person)
    if problem:
        return {"person": person, "state": "cannot", "reason": services.for_staff(problem)}
    return {"person": person, "state": "can"}


@GET_POST
@requires(POLLING_STATION_RUN)
def station_check_in(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    """Find a young person by display name and check them in: the tablet, or a paper."""
    station = station_of(organisation, round_id, station_id)
    round_ = station.round
    form = bound_form(CheckInForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            person = people.person_get(
                organisation=organisation, public_id=str(form.cleaned_data["person"])
            )
            paper = form.cleaned_data["how"] == HOW_PAPER
            check_in = services.station_check_in(
                actor=request.actor, station=station, person=person, paper=paper
            )
        except NotFound:
            form.add_error("person", _("Choose who to check in from the search results"))
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if not paper:
                stations_kiosk.hand_over(request, station, check_in.participation)
                return redirect(
                    "budgeting:kiosk-vote", organisation.slug, round_.public_id, station.pk
                )
            message = (
                _("Give %(name)s a paper ballot. Enter it once it is in the box.")
                if check_in.created
                else _("%(name)s was already checked in here for a paper ballot.")
            )
            return done(
                request,
                message % {"name": person.display_name},
                "budgeting:station-check-in",
                organisation.slug,
                round_.public_id,
                station.pk,
            )
    search = FindForm(request.GET)
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    results: list[dict[str, Any]] = []
    page = None
    if query:
        page = paginate(
            request,
            stations.young_people_to_check_in(round_=round_, search=query),
            CHECK_IN_PER_PAGE,
        )
        found = list(page.object_list)
        earlier = stations.participations_of(round_=round_, people=found)
        results = [_status(round_, station, p, earlier.get(p.pk)) for p in found]
    return render(
        request,
        "budgeting/stations_check_in.html",
        {
            "title": _("Check someone in"),
            "organisation": organisation,
            "round": round_,
            "station": station,
            "state": station_state(station),
            "find": search,
            "query": query,
            "results": results,
            "page": page,
            "pagination": pagination_params(request, page) if page else None,
            "form": form if request.method == "POST" else None,
            "posted": str(form.data.get("person", "")) if request.method == "POST" else "",
        },
    )
