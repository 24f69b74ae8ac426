"""The polling station's tablet in kiosk mode: after a worker checks a young person in, the
worker hands the tablet over, and the young person sees their ballot paper, checks their
answers, votes, and is given their receipt code once; then they hand the tablet back.

The tablet stays signed in as the worker: who is voting is kept in the worker's session (never
in the address), and every kiosk page leaves out the site's menu, footer and links, so a
young person holding it is not led anywhere else. Each page shows only the voter's first name.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, apply_to_form, bound_form, requires
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.ballot_paper import Kind, ballot_problem, running_total
from alongside.budgeting.forms_stations import BallotForm, KeyedForm, ballot_question
from alongside.budgeting.models import Participation, PollingStation
from alongside.budgeting.permissions import POLLING_STATION_RUN
from alongside.budgeting.views.stations_common import station_of, station_url
from alongside.core.errors import ApplicationError
from alongside.core.money import format_pence as pounds

KIOSK = "alongside_kiosk"
KIOSK_DONE = "alongside_kiosk_done"


def hand_over(request: Request, station: PollingStation, participation: Participation) -> None:
    """The worker checked this voter in on the tablet: the kiosk is theirs until they vote."""
    request.session[KIOSK] = {
        "station": station.pk,
        "participation": participation.pk,
        "key": str(uuid.uuid4()),
    }
    request.session.pop(KIOSK_DONE, None)


def first_name(participation: Participation) -> str:
    words = participation.person.display_name.split()
    return words[0] if words else participation.person.display_name


def _state(request: Request, station: PollingStation) -> dict[str, Any] | None:
    state = request.session.get(KIOSK)
    if not isinstance(state, dict) or state.get("station") != station.pk:
        return None
    return dict(state)


def _voter(
    request: Request, station: PollingStation
) -> tuple[dict[str, Any], Participation] | tuple[None, None]:
    """The kiosk's state and its voter, or ``None`` for both when nobody is checked in here."""
    state = _state(request, station)
    if state is None:
        return None, None
    participation = stations.kiosk_participation(station=station, pk=state.get("participation"))
    if participation is None:
        return None, None
    return state, participation


def _nobody(request: Request, organisation: Organisation, station: PollingStation) -> HttpResponse:
    return render(
        request,
        "budgeting/stations_kiosk_nobody.html",
        {
            "title": _("Nobody is checked in on this tablet"),
            "organisation": organisation,
            "station": station,
            "check_in_url": station_url("budgeting:station-check-in", organisation, station),
        },
    )


def _paper(station: PollingStation, participation: Participation) -> tuple[Any, list[Any]]:
    round_ = station.round
    rules = selectors.ballot_rules(round_=round_, area=participation.area)
    proposals = list(selectors.on_ballot(round_=round_, area=participation.area))
    return rules, proposals


def _initial(form_kind: Kind, state: dict[str, Any]) -> dict[str, Any]:
    """What the voter chose before, when they come back from checking their answers."""
    choices = state.get("choices") or []
    if form_kind is Kind.CHOOSE_ONE:
        return {"choices": str(choices[0])} if choices else {}
    if form_kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
        return {"choices": [str(n) for n in choices]}
    if form_kind is Kind.POINTS:
        return {f"project_{n}": p for n, p in zip(choices, state.get("points") or [], strict=False)}
    return {f"project_{n}": place for place, n in enumerate(choices, start=1)}


@GET_POST
@requires(POLLING_STATION_RUN)
def kiosk_vote(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)
    state, participation = _voter(request, station)
    if state is None or participation is None or participation.has_ballot:  # type: ignore[attr-defined]
        return _nobody(request, organisation, station)
    rules, proposals = _paper(station, participation)
    question = ballot_question(rules, points_to_share=rules.points_to_share)
    form = bound_form(
        BallotForm,
        request,
        rules=rules,
        proposals=proposals,
        question=question,
        initial=_initial(rules.kind, state),
    )
    if request.method == "POST" and form.is_valid():
        choices, points = form.ballot()
        problem = ballot_problem(rules, choices, points)
        if problem:
            form.add_error("choices" if "choices" in form.fields else None, _(problem))
        else:
            state.update({"choices": choices, "points": points})
            request.session[KIOSK] = state
            return redirect(
                "budgeting:kiosk-check", organisation.slug, station.round.public_id, station.pk
            )
    return render(
        request,
        "budgeting/stations_kiosk_vote.html",
        {
            "title": question,
            "form": form,
            "organisation": organisation,
            "station": station,
            "name": first_name(participation),
            "rules": rules,
        },
    )


@GET_POST
@requires(POLLING_STATION_RUN)
def kiosk_check(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    station = station_of(organisation, round_id, station_id)
    state, participation = _voter(request, station)
    if state is None or participation is None:
        return _nobody(request, organisation, station)
    if not state.get("choices"):
        return redirect(
            "budgeting:kiosk-vote", organisation.slug, station.round.public_id, station.pk
        )
    form = bound_form(KeyedForm, request, initial={"idempotency_key": state["key"]})
    if request.method == "POST" and form.is_valid():
        try:
            # A second press of the button returns the first ballot (the same key), so the
            # voter still sees their receipt.
            cast = services.kiosk_ballot_cast(
                actor=request.actor,
                participation=participation,
                choices=state["choices"],
                points=state.get("points"),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            request.session.pop(KIOSK, None)
            request.session[KIOSK_DONE] = {
                "station": station.pk,
                "receipt": cast.ballot.receipt_code,
            }
            return redirect(
                "budgeting:kiosk-done", organisation.slug, station.round.public_id, station.pk
            )
    if participation.has_ballot:  # type: ignore[attr-defined]
        return _nobody(request, organisation, station)
    rules, proposals = _paper(station, participation)
    by_number = {p.number: p for p in proposals}
    points = state.get("points") or [None] * len(state["choices"])
    chosen = [
        {"proposal": by_number[n], "points": p, "place": place}
        for place, (n, p) in enumerate(zip(state["choices"], points, strict=True), start=1)
        if n in by_number
    ]
    return render(
        request,
        "budgeting/stations_kiosk_check.html",
        {
            "title": _("Check your answers"),
            "form": form,
            "organisation": organisation,
            "station": station,
            "name": first_name(participation),
            "chosen": chosen,
            "kind": rules.kind.value,
            "total": pounds(running_total(rules, state["choices"])),
            "budget": pounds(rules.budget_pence),
            "pounds": pounds,
        },
    )


@requires(POLLING_STATION_RUN)
def kiosk_done(
    request: Request, organisation: Organisation, round_id: uuid.UUID, station_id: int
) -> HttpResponse:
    """Thank you, and the receipt code, shown once: the next look at this page has no code."""
    station = station_of(organisation, round_id, station_id)
    finished = request.session.get(KIOSK_DONE)
    receipt = None
    if isinstance(finished, dict) and finished.get("station") == station.pk:
        receipt = finished.get("receipt")
        request.session.pop(KIOSK_DONE, None)
    return render(
        request,
        "budgeting/stations_kiosk_done.html",
        {
            "title": _("Thank you — your vote is in"),
            "organisation": organisation,
            "station": station,
            "receipt": receipt,
            "check_in_url": station_url("budgeting:station-check-in", organisation, station),
        },
    )
