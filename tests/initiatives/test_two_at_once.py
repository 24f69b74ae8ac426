"""Two people pressing "Open it" at the same moment open it once (PostgreSQL, two connections)."""

from __future__ import annotations

import pytest

from alongside.core.models import AuditEvent
from alongside.initiatives import services
from alongside.initiatives.models import Initiative
from tests.concurrency import needs_postgres, run_concurrently
from tests.initiatives import factories as made

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_workers_opening_at_once_open_it_once(organisation):
    # Given an initiative ready to open, and two workers
    first, second = made.manager_of(organisation), made.manager_of(organisation)
    initiative = made.ready(organisation, actor=first)

    def open_as(actor):
        return lambda: services.initiative_open(
            actor=actor,
            organisation=organisation,
            initiative=Initiative.objects.get(pk=initiative.pk),
        )

    # When both press "Open it" at the same moment
    outcomes = run_concurrently(open_as(first), open_as(second))
    # Then both see it open, and it was opened (and audited) once
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert Initiative.objects.get(pk=initiative.pk).stage == Initiative.Stage.OPEN
    assert AuditEvent.objects.filter(action="initiatives.initiative.open").count() == 1
