"""A published round's files: every project with its votes, and grants to groups in the
360Giving standard; nothing before the results are public."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation
from alongside.budgeting.models import Proposal, Result, Round
from tests.budgeting import factories

pytestmark = pytest.mark.django_db


def _published(organisation: Organisation) -> Round:
    round_ = factories.published_round(organisation, funded=(1, 2))
    Proposal.objects.filter(round=round_, number=1).update(
        proposed_by=Proposal.ProposedBy.GROUP, proposer_name="=Riverside Skaters"
    )
    Result.objects.filter(round=round_).update(
        projects={"1": {"votes": 120, "text": "Funded by Equal Shares."}}
    )
    return round_


def _csv(response: object) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.reader(io.StringIO(body)))


def test_the_results_csv_has_every_project_on_the_ballot(organisation: Organisation) -> None:
    round_ = _published(organisation)
    rows = _csv(Client().get(reverse("budgeting:round-results-csv", args=[round_.public_id])))
    assert rows[0][0] == "Project number"
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert rows[1][3:6] == ["10000.00", "120", "Yes"]
    assert rows[3][5] == "No"


def test_grants_to_groups_follow_360giving_and_cannot_run_as_formulas(
    organisation: Organisation,
) -> None:
    round_ = _published(organisation)
    data = json.loads(
        Client().get(reverse("budgeting:round-grants-json", args=[round_.public_id])).content
    )
    # Project 2 was a young person's own: not a grant to an organisation.
    assert len(data["grants"]) == 1
    grant = data["grants"][0]
    assert grant["currency"] == "GBP"
    assert grant["amountAwarded"] == 10000
    assert grant["fundingOrganization"][0]["name"] == organisation.name
    assert grant["id"].startswith("360G-")
    rows = _csv(Client().get(reverse("budgeting:round-grants-csv", args=[round_.public_id])))
    assert rows[1][7] == "'=Riverside Skaters"


def test_no_file_before_the_results_are_public(organisation: Organisation) -> None:
    round_ = _published(organisation)
    Round.objects.filter(pk=round_.pk).update(published_at=None)
    for name in ("budgeting:round-results-csv", "budgeting:round-grants-json"):
        assert Client().get(reverse(name, args=[round_.public_id])).status_code == 404
