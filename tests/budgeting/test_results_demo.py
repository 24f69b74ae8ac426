"""The demo's finished round: sealed, counted, published and being delivered, with paper
ballots held and counted; `alongside budget verify --all` passes on it and fails once a ballot
is changed."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from alongside.accounts.roles import Role
from alongside.budgeting import demo_results
from alongside.budgeting.models import Ballot, PaperEntry, Result, Round
from alongside.decisions.models import Decision
from tests import factories
from tests.initiatives import factories as initiative_factories

pytestmark = pytest.mark.django_db


def test_the_demo_round_is_finished_and_verifies() -> None:
    # Given the demo's youth service, its two workers and its co-prioritisation initiative
    place = factories.OrganisationFactory(slug=demo_results.PLACE)
    for email in (
        "worker@riverside.example",
        "worker2@riverside.example",
        "youth.admin@riverside.example",
    ):
        worker = factories.person_with_role(Role.WORKER, place, with_totp=False)
        assert worker.user is not None
        type(worker.user).objects.filter(pk=worker.user.pk).update(email=email)
    initiative_factories.initiative(place, title=demo_results.INITIATIVE)

    round_ = demo_results.seed(ballots=120)

    assert round_ is not None
    assert round_.stage == Round.Stage.DELIVERY
    assert round_.budget_pence == 5_000_000
    assert round_.proposals.count() == 24
    result = Result.objects.get(round=round_)
    assert result.ballots_counted == 120 - demo_results.SPOILT_PAPERS
    assert result.selected
    assert Decision.objects.filter(subject_type="budgeting.proposal").count() == len(
        result.selected
    )
    spoilt = PaperEntry.objects.filter(status=PaperEntry.Status.SPOILT)
    assert spoilt.count() == demo_results.SPOILT_PAPERS
    assert not PaperEntry.objects.filter(status=PaperEntry.Status.HELD).exists()
    assert Ballot.objects.filter(channel=Ballot.Channel.PAPER).exists()
    assert demo_results.seed() == round_  # a second run makes nothing more
    out = io.StringIO()
    call_command("budget", "verify", "--all", stdout=out)
    assert "1 sealed round verified." in out.getvalue()

    Ballot.objects.filter(pk=Ballot.objects.filter(round=round_).first().pk).update(choices=[24])
    with pytest.raises(CommandError, match=str(round_.public_id)):
        call_command("budget", "verify", "--all", stdout=io.StringIO())
