"""Two leads picking up the same concern at the same moment make one acknowledgement."""

from __future__ import annotations

import pytest

from alongside.core.models import AuditEvent
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.safeguarding.factories import concern_from, lead

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_leads_acknowledging_at_once_make_one_acknowledgement(organisation, young_person):
    # Given a new concern and two leads
    first, second = lead(organisation), lead(organisation)
    concern = concern_from(young_person, organisation)

    def acknowledge(person):
        return lambda: services.concern_acknowledge(
            actor=factories.actor(person), organisation=organisation, concern=concern
        )

    # When both press "Pick it up" at the same moment
    one, two = run_concurrently(acknowledge(first), acknowledge(second))

    # Then both pages succeed, but the concern was picked up once, by the first
    assert one.ok, one.error
    assert two.ok, two.error
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    assert concern.acknowledged_by == first
    assert AuditEvent.objects.filter(action="safeguarding.concern.acknowledge").count() == 1
    assert two.result.acknowledged_by == first
