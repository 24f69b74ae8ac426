"""Budgeting's rows for closing, counting and results (see tests/matrix.py): the staff count
page and its confirm pages (close, try the count again, publish) and the public results.

Each row builds its round through the real services: ballots cast, closed, counted,
published. Titles and ideas are long unbroken words, so a page they push sideways fails the
sweep."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from alongside.budgeting import services
from alongside.budgeting.models import Area, PaperEntry, PollingStation, Proposal, Round
from alongside.voice.models import Contribution
from tests.budgeting import factories_results as built
from tests.matrix import Row as R
from tests.matrix import World, long_name, org

# Two of each ballot: enough for every project to have votes and Equal Shares to differ from
# most votes first (see factories_results.BALLOTS).
BALLOTS = ([1, 3], [1, 3], [1, 3], [2], [2])


def _long_titles(round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk).update(title=long_name("round") * 2)
    for proposal in Proposal.objects.filter(round=round_):
        Proposal.objects.filter(pk=proposal.pk).update(
            title=long_name(f"project_{proposal.number}")
        )
    Contribution.objects.filter(proposals__round=round_).update(
        text="Pleasecanwehaveitbytheskaterampandthepark" * 3
    )
    round_.refresh_from_db()
    return round_


def _with_papers(round_: Round) -> None:
    """Two paper ballots typed in twice: one agreed (counted), one held and then spoilt by a
    manager, so the count page lists a paper not counted and why."""
    now = timezone.now()
    station = PollingStation.objects.create(
        round=round_,
        name=long_name("polling_station"),
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=1),
    )
    for number, second in (("P-0001", [1]), ("P-0002", [2])):
        entry = services.paper_ballot_enter(
            actor=built.staff(round_.organisation),
            station=station,
            paper_number=number,
            choices=[1],
            idempotency_key=uuid.uuid4(),
        )
        entry = services.paper_ballot_confirm(
            actor=built.staff(round_.organisation), entry=entry, choices=second
        )
    services.paper_entry_resolve(
        actor=built.staff(round_.organisation),
        entry=entry,
        outcome=services.Outcome.SPOIL,
        reason="Pleasecanwehaveitbytheskaterampandthepark" * 2,
        idempotency_key=uuid.uuid4(),
    )


def _voting(w: World) -> Round:
    round_ = _long_titles(built.round_with_ballots(w.organisation, ballots=BALLOTS))
    _with_papers(round_)
    return round_


def _counted(w: World) -> Round:
    round_ = _voting(w)
    services.round_close(actor=built.staff(w.organisation), round_=round_)
    return built.count(round_)


def _failed(w: World) -> Round:
    round_ = _voting(w)
    services.round_close(actor=built.staff(w.organisation), round_=round_)
    Round.objects.filter(pk=round_.pk).update(tally_state=Round.TallyState.FAILED)
    return round_


def _published(w: World) -> Round:
    round_ = _counted(w)
    return services.round_publish(actor=built.staff(w.organisation), round_=round_)


def _round(make: Any) -> Any:
    def kwargs(w: World) -> dict[str, Any]:
        return {**org(w), "round_id": make(w).public_id}

    return kwargs


TYPED_TEXT = [
    (Round, "title"),
    (Proposal, "title"),
    (Area, "name"),
    (PollingStation, "name"),
    (PaperEntry, "paper_number"),
    (PaperEntry, "spoilt_reason"),
    (Contribution, "text"),
]

MATRIX_ROWS = [
    R("budgeting:round-count", _round(_counted)),
    R("budgeting:round-close", _round(_voting), body=lambda w: {}),
    R("budgeting:round-count-retry", _round(_failed), body=lambda w: {}),
    R("budgeting:round-publish", _round(_counted), body=lambda w: {}),
    R("budgeting:round-results", lambda w: {"round_id": _published(w).public_id}),
]
