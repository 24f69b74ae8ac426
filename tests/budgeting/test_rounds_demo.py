"""The demo's open round: voting now in Riverside Youth Service, eight projects, and Jamie
(15) can vote in it; running the demo again adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alongside.accounts import demo as accounts_demo
from alongside.accounts.models import Person
from alongside.budgeting import demo_rounds, services
from alongside.budgeting.models import Proposal, Round
from alongside.initiatives import demo as initiatives_demo

pytestmark = pytest.mark.django_db


def test_the_demo_opens_a_vote_jamie_can_take_part_in_and_runs_twice():
    accounts_demo.seed(young_people=5)
    initiatives_demo.seed()
    round_ = demo_rounds.seed()
    assert round_ is not None
    assert demo_rounds.seed() is None
    assert Round.objects.count() == 1
    assert round_.stage == Round.Stage.VOTING
    assert services.voting_open(round_, timezone.now())
    assert Proposal.objects.filter(round=round_, status=Proposal.Status.FEASIBLE).count() == 8
    jamie = Person.objects.get(user__username="jamie")
    assert services.eligibility_problem(round_, jamie, None) is None
    assert round_.setup_saved == list(services.rounds.SECTIONS)


def test_the_demo_round_needs_the_council():
    assert demo_rounds.seed() is None
    assert not Round.objects.exists()
