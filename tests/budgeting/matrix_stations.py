"""Polling stations' rows of the permission matrix and page sweep (see tests/matrix.py): the
round's stations, checking in, the tablet in kiosk mode, paper ballots and turnout."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    Participation,
    PollingStation,
    Proposal,
    Round,
)
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.matrix import PageState, Row, World, long_name

WORKER = Role.WORKER.value

TYPED_TEXT = [
    (Round, "title"),
    (Area, "name"),
    (Proposal, "title"),
    (PollingStation, "name"),
    (PaperEntry, "paper_number"),
    (Ballot, "receipt_code"),
]


def round_(w: World) -> Round:
    """A round open for voting, with a project whose name is one long word."""
    if "stations_round" not in w.objects:
        made = budget_factories.voting_round(w.organisation)
        Proposal.objects.filter(round=made, number=3).update(title=long_name("project") * 2)
        w.objects["stations_round"] = made
    return w.objects["stations_round"]


def station(w: World) -> PollingStation:
    if "station" not in w.objects:
        made = round_(w)
        w.objects["station"] = PollingStation.objects.create(
            round=made,
            name=long_name("station"),
            opens_at=made.voting_opens_at,
            closes_at=timezone.now() + dt.timedelta(days=1),
        )
    return w.objects["station"]


def later_station(w: World, *, cancelled: bool = False) -> PollingStation:
    """A station opened for tomorrow (by mistake, say): one that can still be cancelled, or
    one a worker cancelled (through the service, so it is cancelled as the page does it)."""
    key = "cancelled_station" if cancelled else "later_station"
    if key not in w.objects:
        made = round_(w)
        opens = timezone.now() + dt.timedelta(days=1)
        later = PollingStation.objects.create(
            round=made,
            name=long_name("later_station"),
            opens_at=opens,
            closes_at=opens + dt.timedelta(hours=3),
        )
        if cancelled:
            actor = factories.actor(w.person(WORKER))
            later = services.station_cancel(actor=actor, station=later)
        w.objects[key] = later
    return w.objects[key]


def worker(w: World, key: str) -> Person:
    """A worker who is not one of the world's visitors (who typed a paper in, say)."""
    if key not in w.objects:
        w.objects[key] = factories.person_with_role(Role.WORKER, w.organisation, with_totp=False)
    return w.objects[key]


def voter(w: World) -> Person:
    if "station_voter" not in w.objects:
        w.objects["station_voter"] = factories.offline_person(
            w.organisation, age=15, display_name="Sam Lee"
        )
    return w.objects["station_voter"]


def paper(w: World, status: str) -> PaperEntry:
    key = f"paper_{status}"
    if key not in w.objects:
        made = station(w)
        w.objects[key] = PaperEntry.objects.create(
            round=made.round,
            polling_station=made,
            paper_number="A-0001" if status == PaperEntry.Status.WAITING else "A-0002",
            choices=[1, 2],
            entered_by=worker(w, "first_worker"),
            confirmed_by=worker(w, "second_worker") if status == "held" else None,
            second_choices=[1] if status == "held" else None,
            status=status,
            idempotency_key=uuid.uuid4(),
        )
    return w.objects[key]


def _round(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "round_id": round_(w).public_id}


def _station(w: World) -> dict[str, Any]:
    return {**_round(w), "station_id": station(w).pk}


def _with_station(w: World) -> dict[str, Any]:
    station(w)
    later_station(w, cancelled=True)
    return _round(w)


def _later_station(w: World) -> dict[str, Any]:
    return {**_round(w), "station_id": later_station(w).pk}


def _cancelled_station(w: World) -> dict[str, Any]:
    return {**_round(w), "station_id": later_station(w, cancelled=True).pk}


def _waiting(w: World) -> dict[str, Any]:
    return {**_round(w), "entry_id": paper(w, PaperEntry.Status.WAITING).pk}


def _held(w: World) -> dict[str, Any]:
    return {**_round(w), "entry_id": paper(w, PaperEntry.Status.HELD).pk}


def _with_papers(w: World) -> dict[str, Any]:
    paper(w, PaperEntry.Status.WAITING)
    paper(w, PaperEntry.Status.HELD)
    return _round(w)


def _with_turnout(w: World) -> dict[str, Any]:
    """Twelve voters: enough for the total to show and for some numbers to be suppressed."""
    made = round_(w)
    for n in range(12):
        person = factories.offline_person(w.organisation, age=15 if n < 11 else 12)
        Participation.objects.create(
            round=made,
            person=person,
            channel=Participation.Channel.ONLINE if n < 10 else Participation.Channel.PAPER,
            age_band="14-16" if n < 11 else "11-13",
        )
    return _round(w)


def _url(name: str, w: World) -> str:
    return reverse(name, kwargs=_station(w))


def _tablet(w: World, client: Client) -> None:
    response = client.post(
        _url("budgeting:station-check-in", w), {"person": voter(w).public_id, "how": "tablet"}
    )
    assert response.status_code == 302, response.status_code


def _chosen(w: World, client: Client) -> None:
    _tablet(w, client)
    response = client.post(_url("budgeting:kiosk-vote", w), {"choices": ["1", "2"]})
    assert response.status_code == 302, response.status_code


def _voted(w: World, client: Client) -> None:
    _chosen(w, client)
    response = client.post(_url("budgeting:kiosk-check", w), {"idempotency_key": uuid.uuid4()})
    assert response.status_code == 302, response.status_code


def _open_body(w: World) -> dict[str, Any]:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    return {
        "name": "Riverside youth club",
        "day": tomorrow.day,
        "month": tomorrow.month,
        "year": tomorrow.year,
        "opens": "4pm",
        "closes": "7:30pm",
        "idempotency_key": str(uuid.uuid4()),
    }


MATRIX_ROWS = [
    Row("budgeting:station-list", _with_station),
    Row("budgeting:station-open", _round, body=_open_body),
    Row("budgeting:station-detail", _station),
    Row("budgeting:station-close", _station, body=lambda w: {}),
    Row("budgeting:station-cancel", _later_station, body=lambda w: {}),
    Row(
        "budgeting:station-check-in",
        _station,
        body=lambda w: {"person": str(voter(w).public_id), "how": "paper"},
    ),
    Row(
        "budgeting:kiosk-vote",
        _station,
        body=lambda w: {"choices": ["1"]},
        body_changes_rows=False,  # the choices wait in the session until the voter sends them
        prepare=_tablet,
    ),
    Row(
        "budgeting:kiosk-check",
        _station,
        body=lambda w: {"idempotency_key": str(uuid.uuid4())},
        prepare=_chosen,
    ),
    Row("budgeting:kiosk-done", _station, prepare=_voted),
    Row(
        "budgeting:paper-enter",
        _station,
        body=lambda w: {
            "paper_number": "B-0001",
            "choices": ["1", "3"],
            "idempotency_key": str(uuid.uuid4()),
        },
    ),
    Row("budgeting:paper-confirm-list", _with_papers),
    Row("budgeting:paper-confirm", _waiting, body=lambda w: {"choices": ["1", "2"]}),
    Row("budgeting:paper-held", _with_papers),
    Row(
        "budgeting:paper-resolve",
        _held,
        body=lambda w: {"outcome": "first", "idempotency_key": str(uuid.uuid4())},
    ),
    Row("budgeting:turnout", _with_turnout),
]


PAGE_STATES = [
    # The kiosk before anyone is checked in on the tablet (or after they walk away).
    PageState("budgeting-kiosk-nobody", "budgeting:kiosk-vote", _station, WORKER),
    PageState(
        "budgeting-station-cancelled", "budgeting:station-detail", _cancelled_station, WORKER
    ),
    # "This paper has been typed in twice already": a held paper is not typed in again.
    PageState("budgeting-paper-not-now", "budgeting:paper-confirm", _held, WORKER),
]
