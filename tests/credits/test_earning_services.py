"""Approving, declining and taking back credits: the rules the services keep."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.ledger_books import ledger_verify
from alongside.core.models import LedgerTransaction
from alongside.credits.models import Basis, Earning, GroupHours, Rounding, WeeklyHours
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.selectors.earning_rules import KindRule
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.earning import (
    earning_decline,
    earning_reverse,
    earnings_approve,
)
from alongside.credits.services.earning_rules import credit_rules_change
from tests import factories
from tests.accounts.support import events_after, last_sequence
from tests.credits.factories_earn import members, occasion_key, session_with

pytestmark = pytest.mark.django_db


def _approve(organisation: Organisation, worker: Person, session, people) -> list[Earning]:  # type: ignore[no-untyped-def]
    return earnings_approve(
        organisation=organisation,
        source="session",
        occasion_key=occasion_key(session),
        person_ids=[p.pk for p in people],
        actor=factories.actor(worker),
    )


def _rules(organisation: Organisation, admin: Person, **kwargs: object) -> None:
    values: dict[str, object] = {
        "rounding": Rounding.EXACT,
        "weekly_cap_minutes": None,
        "kinds": {},
    }
    values.update(kwargs)
    credit_rules_change(actor=factories.actor(admin), organisation=organisation, **values)  # type: ignore[arg-type]


def test_approving_credits_each_person_once_and_audits_once(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 2)
    session = session_with(organisation, people, minutes=75)
    mark = last_sequence()
    made = _approve(organisation, worker, session, people)
    assert [e.minutes_credited for e in made] == [75, 75]
    assert all(
        balance_of_person(organisation_id=organisation.pk, person_id=p.pk) == 75 for p in people
    )
    assert [e.action for e in events_after(mark)] == ["credits.earning.approve"]
    week = WeeklyHours.objects.get(person=people[0])
    assert (week.minutes_given, week.minutes_credited) == (75, 75)
    assert GroupHours.objects.filter(person=people[0]).count() == 2  # the initiative and "all"
    assert ledger_verify().ok


def test_a_repeat_approval_approves_nothing_twice(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    _approve(organisation, worker, session, people)
    mark = last_sequence()
    assert _approve(organisation, worker, session, people) == []
    assert Earning.objects.count() == 1
    assert LedgerTransaction.objects.filter(kind="earn").count() == 1
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 60
    assert WeeklyHours.objects.get(person=people[0]).minutes_given == 60
    assert events_after(mark) == []


def test_only_the_chosen_people_are_credited(organisation: Organisation, worker: Person) -> None:
    people = members(organisation, 2)
    session = session_with(organisation, people)
    _approve(organisation, worker, session, people[:1])
    assert list(Earning.objects.values_list("person", flat=True)) == [people[0].pk]


def test_sanction_time_earns_nothing_but_counts_as_time_given(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people, basis=Basis.SANCTION)
    (earning,) = _approve(organisation, worker, session, people)
    assert (earning.minutes_credited, earning.rule_applied, earning.transaction) == (
        0,
        "sanction",
        None,
    )
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 0
    assert WeeklyHours.objects.get(person=people[0]).minutes_given == 60


def test_rounding_and_rate_apply(organisation: Organisation, worker: Person, admin: Person) -> None:
    _rules(
        organisation,
        admin,
        rounding=Rounding.DOWN_QUARTER,
        kinds={"session": KindRule(True, 120)},
    )
    people = members(organisation, 1)
    session = session_with(organisation, people, minutes=50)
    (earning,) = _approve(organisation, worker, session, people)
    # 50 minutes at two credits an hour is 100, down to the quarter hour is 90.
    assert (earning.minutes_credited, earning.rule_applied) == (90, "rounded")


def test_a_kind_that_does_not_earn_earns_nothing(
    organisation: Organisation, worker: Person, admin: Person
) -> None:
    _rules(organisation, admin, kinds={"session": KindRule(False, 60)})
    people = members(organisation, 1)
    (earning,) = _approve(organisation, worker, session_with(organisation, people), people)
    assert (earning.minutes_credited, earning.rule_applied) == (0, "kind_not_credited")


def test_the_weekly_cap_takes_what_is_left_of_the_week(
    organisation: Organisation, worker: Person, admin: Person
) -> None:
    _rules(organisation, admin, weekly_cap_minutes=100)
    people = members(organisation, 1)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7)
    first = session_with(organisation, people, minutes=60, held_on=monday)
    second = session_with(organisation, people, minutes=60, held_on=monday + dt.timedelta(days=2))
    third = session_with(organisation, people, minutes=60, held_on=monday + dt.timedelta(days=3))
    credited = [
        _approve(organisation, worker, s, people)[0].minutes_credited
        for s in (first, second, third)
    ]
    assert credited == [60, 40, 0]
    assert Earning.objects.filter(rule_applied="weekly_cap").count() == 2
    assert WeeklyHours.objects.get(person=people[0]).minutes_credited == 100


def test_approving_no_one_is_refused_and_changes_nothing(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    with pytest.raises(ValidationFailed):
        _approve(organisation, worker, session, [])
    assert not Earning.objects.exists()


def test_a_young_person_cannot_approve(organisation: Organisation) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    with pytest.raises(NotPermitted):
        _approve(organisation, people[0], session, people)
    assert not Earning.objects.exists()


def test_another_organisations_session_credits_nothing(
    organisation: Organisation, other_organisation: Organisation, worker: Person
) -> None:
    people = members(other_organisation, 1)
    session = session_with(other_organisation, people)
    with pytest.raises(ValidationFailed):
        _approve(organisation, worker, session, people)
    assert not Earning.objects.exists()


def test_declining_keeps_the_reason_and_then_approval_skips_them(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    earning = earning_decline(
        organisation=organisation,
        source="session",
        occasion_key=occasion_key(session),
        person_id=people[0].pk,
        reason="You left at the start.",
        actor=factories.actor(worker),
    )
    assert (earning.status, earning.decision_note) == ("declined", "You left at the start.")
    assert _approve(organisation, worker, session, people) == []
    with pytest.raises(Conflict):
        earning_decline(
            organisation=organisation,
            source="session",
            occasion_key=occasion_key(session),
            person_id=people[0].pk,
            reason="Again",
            actor=factories.actor(worker),
        )


def test_declining_needs_a_reason(organisation: Organisation, worker: Person) -> None:
    people = members(organisation, 1)
    session = session_with(organisation, people)
    with pytest.raises(ValidationFailed):
        earning_decline(
            organisation=organisation,
            source="session",
            occasion_key=occasion_key(session),
            person_id=people[0].pk,
            reason="  ",
            actor=factories.actor(worker),
        )
    assert not Earning.objects.exists()


def test_reversing_takes_the_credits_back_once(organisation: Organisation, worker: Person) -> None:
    people = members(organisation, 1)
    (earning,) = _approve(organisation, worker, session_with(organisation, people), people)
    reversed_ = earning_reverse(
        organisation=organisation,
        earning=earning,
        reason="Wrong person",
        actor=factories.actor(worker),
    )
    assert reversed_.reversed_at is not None
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 0
    assert WeeklyHours.objects.get(person=people[0]).minutes_credited == 0
    with pytest.raises(Conflict):
        earning_reverse(
            organisation=organisation,
            earning=earning,
            reason="Again",
            actor=factories.actor(worker),
        )
    assert ledger_verify().ok


def test_reversing_spent_credits_is_refused_in_words(
    organisation: Organisation, worker: Person
) -> None:
    import uuid

    people = members(organisation, 1)
    (earning,) = _approve(organisation, worker, session_with(organisation, people), people)
    # The person spends some of them.
    credits_post(
        organisation_id=organisation.pk,
        kind="redeem",
        lines=[
            (person_account(organisation_id=organisation.pk, person_id=people[0].pk), -30),
            (issued_account(organisation_id=organisation.pk), 30),
        ],
        idempotency_key=uuid.uuid4(),
    )
    with pytest.raises(Conflict, match="already been spent"):
        earning_reverse(
            organisation=organisation, earning=earning, reason="Oops", actor=factories.actor(worker)
        )
    assert Earning.objects.get().reversed_at is None
    assert balance_of_person(organisation_id=organisation.pk, person_id=people[0].pk) == 30
