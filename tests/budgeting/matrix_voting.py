"""Voting online and receipts: their rows of the permission matrix and page sweep (see
tests/matrix.py). The voting pages are the world's young person's, in a round of the world's
organisation open for voting, with long unbroken names so the sweep catches a page pushed
sideways."""

from __future__ import annotations

import uuid
from typing import Any

from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Area, Ballot, Proposal, Round
from tests import factories
from tests.budgeting.factories import voting_round
from tests.matrix import ANONYMOUS, Row, World, long_name

YOUNG = Role.YOUNG_PERSON.value
LONG_WORDS = "Anewskateparkwithlightssoitissafeinwinter" * 2 + " and somewhere to sit."

TYPED_TEXT = [
    (Round, "title"),
    (Proposal, "title"),
    (Proposal, "summary"),
    (Area, "name"),
    (Ballot, "receipt_code"),
]


def _young_of_age(w: World) -> Person:
    """The world's young person, 15 on the day voting closes (in the round's 11 to 19)."""
    young = w.person(YOUNG)
    Person.objects.filter(pk=young.pk).update(**factories.birth_for_age(15))
    young.refresh_from_db()
    return young


def _long_names(round_: Round) -> Round:
    Round.objects.filter(pk=round_.pk).update(title=long_name("round") * 2)
    for proposal in Proposal.objects.filter(round=round_):
        Proposal.objects.filter(pk=proposal.pk).update(
            title=long_name(f"project_{proposal.number}") * 2, summary=LONG_WORDS
        )
    round_.refresh_from_db()
    return round_


def voting(w: World) -> Round:
    """A round open for voting, with three projects, and the young person old enough."""
    if "voting_round" not in w.objects:
        _young_of_age(w)
        w.objects["voting_round"] = _long_names(voting_round(w.organisation))
    return w.objects["voting_round"]


def _by_area(w: World) -> dict[str, Any]:
    round_ = voting(w)
    if "voting_area" not in w.objects:
        w.objects["voting_area"] = Area.objects.create(round=round_, name=long_name("area"))
        Proposal.objects.filter(round=round_).update(area=w.objects["voting_area"])
    return {"round_id": round_.public_id}


def _round(w: World) -> dict[str, Any]:
    return {"round_id": voting(w).public_id}


def _voted(w: World) -> dict[str, Any]:
    """The round, with the young person's vote in it."""
    round_ = voting(w)
    if "voting_ballot" not in w.objects:
        w.objects["voting_ballot"] = services.ballot_cast(
            actor=factories.actor(w.person(YOUNG)),
            round_=round_,
            choices=[1, 2],
            idempotency_key=uuid.uuid4(),
        ).ballot
    return {"round_id": round_.public_id}


def _voted_somewhere(w: World) -> dict[str, Any]:
    _voted(w)
    return {}


def _chosen(w: World, client: Client) -> None:
    """The ballot paper answered, so check your answers has a vote to show."""
    response = client.post(
        reverse("budgeting:vote-choose", args=[voting(w).public_id]), {"projects": ["1", "3"]}
    )
    assert response.status_code == 302, response.status_code


MATRIX_ROWS = [
    # Anyone may read the rules and be told whether they can vote.
    Row("budgeting:vote-start", _round, sweep_as=(ANONYMOUS, YOUNG)),
    Row(
        "budgeting:vote-area",
        _by_area,
        body=lambda w: {"area": str(w.objects["voting_area"].pk)},
        body_changes_rows=False,  # only noted in the session
        sweep_as=(YOUNG,),
    ),
    Row(
        "budgeting:vote-choose",
        _round,
        body=lambda w: {"projects": ["1", "2"]},
        body_changes_rows=False,  # only noted in the session
        sweep_as=(YOUNG,),
    ),
    Row(
        "budgeting:vote-check",
        _round,
        body=lambda w: {"idempotency_key": str(uuid.uuid4())},
        sweep_as=(YOUNG,),
        prepare=_chosen,
    ),
    Row("budgeting:vote-done", _voted, sweep_as=(YOUNG,)),
    Row("budgeting:receipt-check", _voted),
    Row("budgeting:my-votes", _voted_somewhere, sweep_as=(YOUNG,)),
]
