"""Two workers approving the same session's credits at the same moment (PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.core.ledger_books import ledger_verify
from alongside.core.models import AuditEvent, LedgerTransaction
from alongside.credits.models import Earning, WeeklyHours
from alongside.credits.selectors.balances import balance_of_person
from alongside.credits.services.earning import earnings_approve
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.credits.factories_earn import members, occasion_key, session_with


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_one_session_at_once_credit_it_once() -> None:
    # Given a session three young people came to, and two workers
    organisation = factories.OrganisationFactory()
    workers = [factories.person_with_role(Role.WORKER, organisation) for _ in range(2)]
    people = members(organisation, 3)
    session = session_with(organisation, people, minutes=90)

    def approve(worker: Person) -> Any:
        return lambda: len(
            earnings_approve(
                organisation=organisation,
                source="session",
                occasion_key=occasion_key(session),
                person_ids=[p.pk for p in people],
                actor=actor_for_person(worker),
            )
        )

    # When both press "Approve credits" at the same moment
    first, second = run_concurrently(approve(workers[0]), approve(workers[1]))

    # Then both succeed: the first credited everyone, the second found nothing left to do
    assert first.ok, first.error
    assert second.ok, second.error
    assert (first.result, second.result) == (3, 0)
    # And each person was credited once, in the ledger, the weekly hours and the trail
    assert Earning.objects.count() == 3
    assert LedgerTransaction.objects.filter(kind="earn").count() == 3
    assert all(
        balance_of_person(organisation_id=organisation.pk, person_id=p.pk) == 90 for p in people
    )
    assert sorted(WeeklyHours.objects.values_list("minutes_given", flat=True)) == [90, 90, 90]
    assert AuditEvent.objects.filter(action="credits.earning.approve").count() == 1
    assert ledger_verify().ok
