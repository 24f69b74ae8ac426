"""The demo's past round, loaded from Assen's real Pabulib file: counted by Equal Shares with
add1 as the file records, it funds what Assen announced (the file's ``selected`` column)."""

from __future__ import annotations

import pytest

from alongside.accounts.roles import Role
from alongside.budgeting import demo_import, demo_results
from alongside.budgeting.models import Result, Round
from alongside.budgeting.rules import parse_pabulib
from tests import factories
from tests.initiatives import factories as initiative_factories

pytestmark = pytest.mark.django_db


def test_the_past_round_funds_what_assen_funded_and_loads_once() -> None:
    place = factories.OrganisationFactory(slug=demo_results.PLACE)
    worker = factories.person_with_role(Role.WORKER, place, with_totp=False)
    assert worker.user is not None
    type(worker.user).objects.filter(pk=worker.user.pk).update(email="worker@riverside.example")
    initiative_factories.initiative(place, title=demo_results.INITIATIVE)

    round_ = demo_import.seed()

    assert round_ is not None
    assert round_.imported
    assert round_.published_at is not None
    election = parse_pabulib(demo_import.FILE.read_bytes())
    announced = {p.id for p in election.instance.projects if p.extra.get("selected") == "1"}
    assert {str(n) for n in Result.objects.get(round=round_).selected} == announced
    assert demo_import.seed() == round_
    assert Round.objects.filter(imported=True).count() == 1
