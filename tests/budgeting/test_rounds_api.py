"""The rounds API: public settings of rounds whose rules are agreed, paginated, in a fixed
number of queries however many rounds and areas there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.budgeting import services
from tests import factories
from tests.budgeting import factories as made

pytestmark = pytest.mark.django_db


def _url(slug: str) -> str:
    return f"/api/v1/organisations/{slug}/rounds"


def _voting(organisation, count: int) -> None:
    for n in range(count):
        made.voting_round(
            organisation,
            title=f"Round {n}",
            areas=[services.AreaChange("North", 1_000), services.AreaChange("South", 2_000)],
        )


def test_rounds_past_set_up_are_listed_with_their_settings(client, organisation, worker):
    made.round_(organisation, actor=factories.actor(worker))
    _voting(organisation, 1)
    body = client.get(_url(organisation.slug)).json()
    assert body["count"] == 1
    (listed,) = body["items"]
    assert listed["title"] == "Round 0"
    assert listed["stage"] == "voting"
    assert (listed["ballot_kind"], listed["max_choices"], listed["rule"]) == (
        "choose_up_to",
        3,
        "mes",
    )
    assert listed["areas"] == [
        {"name": "North", "budget_pence": 1_000},
        {"name": "South", "budget_pence": 2_000},
    ]
    assert listed["budget_pence"] == 5_000_000


def test_the_list_takes_the_same_queries_for_2_and_12_rounds(client, organisation):
    _voting(organisation, 2)
    client.get(_url(organisation.slug))
    with CaptureQueriesContext(connection) as two:
        client.get(_url(organisation.slug))
    _voting(organisation, 10)
    with CaptureQueriesContext(connection) as twelve:
        body = client.get(_url(organisation.slug)).json()
    assert body["count"] == 12
    assert len(twelve) == len(two)


def test_an_unknown_organisation_is_a_problem(client):
    response = client.get(_url("nowhere"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
