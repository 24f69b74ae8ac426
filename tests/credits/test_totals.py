"""The report's monthly totals are kept by every service that issues or redeems, in the month
the ledger has, and `alongside credits verify` fails when they drift from the ledger."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Earning, GroupHours, MonthlyCredits, Redemption
from alongside.credits.selectors.reports import credits_report
from alongside.credits.services.adjust import credits_adjust
from alongside.credits.services.earning import earning_reverse, earnings_approve
from alongside.credits.services.redeem import reward_redeem, voucher_cancel
from alongside.credits.services.totals import records_verify, totals_verify
from tests import factories
from tests.credits.factories_earn import members, occasion_key, session_with
from tests.credits.factories_rewards import reward

pytestmark = pytest.mark.django_db


def _approve(organisation: Organisation, worker: Person, people: list[Person], **kwargs: object):  # type: ignore[no-untyped-def]
    return earnings_approve(
        organisation=organisation,
        source="session",
        occasion_key=occasion_key(session_with(organisation, people)),
        person_ids=[p.pk for p in people],
        actor=factories.actor(worker),
        **kwargs,  # type: ignore[arg-type]
    )


def test_every_service_keeps_the_totals_the_ledger_has(
    organisation: Organisation, worker: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    people = members(organisation, 3)
    made = _approve(organisation, worker, people)
    earning_reverse(
        organisation=organisation,
        earning=made[2],
        reason="Wrong person",
        actor=factories.actor(worker),
    )
    credits_adjust(
        actor=factories.actor(worker),
        organisation=organisation,
        person=people[0],
        minutes=30,
        reason="Set up the room",
        idempotency_key=uuid.uuid4(),
    )
    prize = reward(organisation, cost_minutes=45)
    kept = reward_redeem(
        actor=factories.actor(people[0]),
        organisation=organisation,
        reward_id=prize.pk,
        idempotency_key=uuid.uuid4(),
    )
    cancelled = reward_redeem(
        actor=factories.actor(people[1]),
        organisation=organisation,
        reward_id=prize.pk,
        idempotency_key=uuid.uuid4(),
    )
    voucher_cancel(
        actor=factories.actor(people[1]),
        organisation=organisation,
        redemption_id=cancelled.pk,
        idempotency_key=uuid.uuid4(),
    )

    assert totals_verify() == []
    call_command("credits", "verify")
    assert "the ledger is sound" in capsys.readouterr().out
    month = credits_report(organisation=organisation).months[-1]
    assert (month.issued, month.redeemed) == (60 + 60 + 30, kept.cost_minutes)
    # Each attender was credited this month, the one taken back included.
    session_group = made[0].group_key
    assert (
        GroupHours.objects.filter(
            group_key=session_group, last_credited_on=timezone.localdate()
        ).count()
        == 3
    )


def test_credits_approved_in_an_earlier_month_count_in_that_month(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 2)
    today = timezone.localdate()
    earlier = (today.replace(day=1) - dt.timedelta(days=20)).replace(day=1)
    at = timezone.make_aware(dt.datetime.combine(earlier + dt.timedelta(days=3), dt.time(17)))

    _approve(organisation, worker, people, approved_at=at)

    months = {row.month: row.issued for row in credits_report(organisation=organisation).months}
    assert months[earlier] == 120
    assert months[today.replace(day=1)] == 0
    assert totals_verify() == []


def test_verify_names_the_month_whose_totals_drifted(
    organisation: Organisation, worker: Person
) -> None:
    _approve(organisation, worker, members(organisation, 1))
    row = MonthlyCredits.objects.get(organisation=organisation)
    MonthlyCredits.objects.filter(pk=row.pk).update(issued=row.issued + 15)

    problems = [problem.line() for problem in totals_verify()]

    assert (
        f"ledger: organisation {organisation.pk}, {row.month:%Y-%m}: "
        "the report's totals have 75 minutes issued, the ledger 60" in problems
    )
    with pytest.raises(CommandError, match="the report's totals have 75 minutes issued"):
        call_command("credits", "verify")


def test_verify_names_an_earning_or_voucher_that_is_not_its_transaction(
    organisation: Organisation, worker: Person
) -> None:
    people = members(organisation, 2)
    made = _approve(organisation, worker, people)
    prize = reward(organisation, cost_minutes=45)
    taken = reward_redeem(
        actor=factories.actor(people[0]),
        organisation=organisation,
        reward_id=prize.pk,
        idempotency_key=uuid.uuid4(),
    )
    assert records_verify() == []

    # An earning that says more than its transaction gave, and a voucher marked cancelled
    # whose credits were never given back.
    Earning.objects.filter(pk=made[1].pk).update(minutes_credited=90)
    Redemption.objects.filter(pk=taken.pk).update(status=Redemption.Status.CANCELLED)

    problems = [problem.line() for problem in records_verify()]
    assert problems == [
        f"ledger: earning {made[1].pk}: it says 90 minutes credited; its transaction moved 60, "
        "and was not reversed",
        f"ledger: voucher {taken.pk} (cancelled): it cost 45 minutes; its transaction moved -45, "
        "and was not reversed",
    ]
    with pytest.raises(CommandError, match=f"earning {made[1].pk}: it says 90 minutes"):
        call_command("credits", "verify")
