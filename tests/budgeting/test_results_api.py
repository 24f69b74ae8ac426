"""The re-count API: the sealed file, byte for byte, and the published result, to anyone, once
the results are published."""

from __future__ import annotations

import hashlib

import pytest

from alongside.accounts.models import Organisation
from alongside.budgeting import services
from alongside.budgeting.models import Result, SealedFile
from tests.budgeting import factories_results as built
from tests.budgeting.test_results_services import _areas

pytestmark = pytest.mark.django_db


def test_the_file_is_the_sealed_bytes(organisation: Organisation, client) -> None:
    round_ = built.published_round(organisation)
    response = client.get(f"/api/v1/rounds/{round_.public_id}/ballots.pb")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ballots-{round_.public_id}.pb"'
    )
    assert hashlib.sha256(response.content).hexdigest() == round_.seal
    assert response.content.decode() == SealedFile.objects.get().text


def test_the_result_names_the_rule_the_funded_projects_and_the_seal(
    organisation: Organisation, client
) -> None:
    round_ = built.published_round(organisation)
    body = client.get(f"/api/v1/rounds/{round_.public_id}/results").json()
    assert body["id"] == str(round_.public_id)
    assert body["rule"] == "mes"
    assert body["completion"] == "add1-greedy"
    assert body["budget_pence"] == 5_000_000
    assert body["seal"] == round_.seal
    assert body["selected"] == ["1", "2"]
    [area] = body["areas"]
    assert area["area"] == ""
    assert area["greedy_selected"] == ["1", "3"]
    assert area["ballots_counted"] == 9
    assert area["file_sha256"] == round_.seal
    assert area["file_url"] == f"/api/v1/rounds/{round_.public_id}/ballots.pb"


def test_nothing_is_public_before_the_results_are_published(
    organisation: Organisation, client
) -> None:
    round_ = built.counted_round(organisation)
    for path in ("ballots.pb", "results"):
        response = client.get(f"/api/v1/rounds/{round_.public_id}/{path}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert "not been published" in response.json()["detail"]


def test_a_round_with_areas_has_a_file_for_each(organisation: Organisation, client) -> None:
    round_, north, south = _areas(organisation)
    built.vote(round_, [1], area=north)
    built.vote(round_, [3], area=south)
    services.round_close(actor=built.staff(organisation), round_=round_)
    built.count(round_)
    services.round_publish(actor=built.staff(organisation), round_=round_)
    base = f"/api/v1/rounds/{round_.public_id}/ballots.pb"

    asked_for_none = client.get(base)
    assert asked_for_none.status_code == 422
    assert "one of: North, South" in asked_for_none.json()["detail"]
    assert client.get(base + "?area=East").status_code == 422
    north_file = client.get(base + "?area=North")
    assert north_file.status_code == 200
    digest = hashlib.sha256(north_file.content).hexdigest()
    assert digest == Result.objects.get(area=north).file_sha256

    body = client.get(f"/api/v1/rounds/{round_.public_id}/results").json()
    assert [a["area"] for a in body["areas"]] == ["North", "South"]
    assert body["areas"][0]["file_url"] == base + "?area=North"
    assert body["selected"] == ["1", "3"]
