"""Reads for polling stations and turnout: who can vote is counted as the check-in decides it,
and a station's counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting import services
from alongside.budgeting.models import Round
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_stations as made

pytestmark = pytest.mark.django_db


def test_eligible_voters_are_counted_as_the_check_in_decides(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, min_age=11, max_age=19)
    closes = dt.datetime(2027, 3, 15, 12, tzinfo=dt.UTC)
    Round.objects.filter(pk=round_.pk).update(
        voting_opens_at=closes - dt.timedelta(days=30), voting_closes_at=closes
    )
    round_.refresh_from_db()
    people = [
        factories.offline_person(organisation, age=None, birth_month=month, birth_year=year)
        for year in range(2004, 2018)
        for month in (2, 3, 4)
    ]
    factories.offline_person(organisation, age=None)  # no birth known: cannot vote
    factories.person_with_role(Role.WORKER, organisation)  # staff: not a young person
    day = timezone.localtime(closes).date()
    may_vote = [p for p in people if services.voter_problem(round_, p) is None]
    assert {p.age_on(day) for p in may_vote} == set(range(11, 20))
    assert stations.eligible_count(round_=round_) == len(may_vote)


def test_no_eligible_count_before_voting_has_a_closing_date(organisation: Organisation) -> None:
    assert stations.eligible_count(round_=budget_factories.round_(organisation)) is None


def test_a_station_s_counts(organisation: Organisation) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    worker = made.staff(organisation)
    for paper in (True, True, False):
        services.station_check_in(
            actor=worker, station=station, person=made.young(organisation), paper=paper
        )
    made.entered(station, "A-1", [1])
    made.held(station, "A-2")
    counts = stations.station_counts(station=station)
    assert (counts.on_tablet, counts.voted_on_tablet, counts.handed_paper) == (1, 0, 2)
    assert (counts.papers_entered, counts.papers_held, counts.papers_confirmed) == (2, 1, 0)
    assert not counts.more_papers_than_handed
