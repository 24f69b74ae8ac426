"""The signals' reads: who is over the limits, the spread of contribution, the kind note and a
person's hours; each in a fixed number of queries however much data there is."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.credits.models import CreditSettings, Earning
from alongside.credits.selectors.signals import (
    heavy_givers,
    hours_for,
    rest_note_for,
    spread_of_contribution,
)
from tests.credits.factories_signals import gave, in_group, week
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_heavy_givers_names_the_busy_week_and_the_long_run_only() -> None:
    org = OrganisationFactory()
    busy, steady, fine = PersonFactory(), PersonFactory(), PersonFactory()
    gave(org, busy, minutes_by_week_back={0: 600})
    gave(org, steady, minutes_by_week_back={1: 300, 2: 300, 3: 300, 4: 300, 5: 300})
    gave(org, fine, minutes_by_week_back={0: 200, 1: 300, 2: 300, 3: 300, 4: 300})
    found = {heavy.person: heavy for heavy in heavy_givers(organisation=org)}
    assert set(found) == {busy, steady}
    assert found[busy].flags.over_week
    assert not found[busy].flags.long_run
    assert found[steady].flags.long_run
    assert len(found[steady].weeks) == 8
    assert found[steady].weeks[-1] == (week(0), 0)


def test_heavy_givers_follow_the_organisations_limits_and_not_another_organisations_rows() -> None:
    org, other = OrganisationFactory(), OrganisationFactory()
    person = PersonFactory()
    gave(org, person, minutes_by_week_back={0: 200})
    gave(other, person, minutes_by_week_back={0: 900})
    assert heavy_givers(organisation=org) == []
    CreditSettings.objects.create(organisation=org, week_limit_minutes=120)
    assert [heavy.person for heavy in heavy_givers(organisation=org)] == [person]


def _crowd(org, count: int, start: int = 0) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        person = PersonFactory()
        gave(org, person, minutes_by_week_back={0: 600, 1: 300, 9: 900})
        in_group(org, person, key="all", label="all", minutes=60 * (start + n + 1))
        in_group(org, person, key="board:1", label="Youth board", minutes=60)


def test_the_reads_take_the_same_queries_as_data_grows() -> None:
    org = OrganisationFactory()
    _crowd(org, 3)
    counts = []
    for more in (0, 20):
        _crowd(org, more, start=100)
        person = PersonFactory()
        with CaptureQueriesContext(connection) as queries:
            heavy_givers(organisation=org)
            spread_of_contribution(organisation=org)
            rest_note_for(organisation=org, person=person)
            hours_for(organisation=org, person=person)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_group_of_fewer_than_ten_is_counted_but_its_spread_not_shown() -> None:
    org = OrganisationFactory()
    for n in range(10):
        person = PersonFactory()
        in_group(org, person, key="all", label="all", minutes=10 if n < 9 else 910)
        if n < 9:
            in_group(org, person, key="board:1", label="Youth board", minutes=60)
    everyone, board = spread_of_contribution(organisation=org)
    assert everyone.key == "all"
    assert everyone.shown
    assert everyone.contributors == 10
    assert everyone.top_share == Fraction(910, 1000)
    assert everyone.gini is not None
    assert everyone.gini > Fraction(1, 2)
    assert board.contributors == 9
    assert not board.shown
    assert board.top_share is None
    assert board.gini is None


def test_the_rest_note_only_when_over_the_limits() -> None:
    org = OrganisationFactory()
    rested, busy = PersonFactory(), PersonFactory()
    gave(org, rested, minutes_by_week_back={0: 240, 1: 480})
    gave(org, busy, minutes_by_week_back={0: 481})
    assert rest_note_for(organisation=org, person=rested) is None
    note = rest_note_for(organisation=org, person=busy)
    assert note is not None
    assert "fine to take a break" in note


def test_hours_for_this_week_this_month_and_ever() -> None:
    org = OrganisationFactory()
    person = PersonFactory()
    today = timezone.localdate()
    gave(org, person, minutes_by_week_back={0: 90, 1: 30})
    in_group(org, person, key="all", label="all", minutes=700)
    for occurred, status, minutes in [
        (today, Earning.Status.CREDITED, 45),
        (today.replace(day=1) - dt.timedelta(days=1), Earning.Status.CREDITED, 600),
        (today, Earning.Status.DECLINED, 100),
    ]:
        Earning.objects.create(
            organisation=org,
            person=person,
            source="activity",
            activity_key=f"a{minutes}",
            kind="session",
            label="Session",
            group_key="all",
            group_label="all",
            occurred_on=occurred,
            week_start=occurred,
            minutes_given=minutes,
            # Time given is what counts here; 0 credited needs no ledger transaction.
            minutes_credited=0,
            status=status,
        )
    hours = hours_for(organisation=org, person=person)
    assert (hours.this_week, hours.this_month, hours.all_time) == (90, 45, 700)
    assert hours_for(organisation=OrganisationFactory(), person=person).all_time == 0
