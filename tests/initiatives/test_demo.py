"""The demo has an initiative for each of the eight forms, and running it again adds nothing."""

from __future__ import annotations

import pytest

from alongside.accounts import demo as accounts_demo
from alongside.initiatives import demo
from alongside.initiatives.models import CoproductionForm, Initiative

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_form_and_stage_and_runs_twice():
    # Given the demo council
    accounts_demo.seed(young_people=20)
    # When the initiatives are seeded twice
    assert demo.seed() == len(demo.DEMOS)
    assert demo.seed() == 0
    # Then every form of co-production is used, and every stage is shown
    used = set(Initiative.objects.values_list("forms__code", flat=True))
    assert used == set(CoproductionForm.objects.values_list("code", flat=True))
    assert set(Initiative.objects.values_list("stage", flat=True)) == set(Initiative.Stage.values)
    closed = Initiative.objects.get(stage=Initiative.Stage.CLOSED)
    assert closed.feedback_given_at is not None
    # And each has a team: staff, and young people wherever the organisation has some
    for initiative in Initiative.objects.select_related("organisation"):
        kinds = set(initiative.team.values_list("person__kind", flat=True))
        expected = {"professional"}
        if initiative.organisation.slug != "riverside-council":
            expected.add("young_person")
        assert expected <= kinds, initiative.title


def test_the_demo_does_nothing_without_the_council():
    assert demo.seed() == 0
