"""The demo's contributions load in seconds, cover every kind and channel, and hold what must
be held."""

from __future__ import annotations

import time

import pytest
from django.db.models import Count

from alongside.accounts import demo as accounts_demo
from alongside.core.models import AuditEvent
from alongside.voice import demo, selectors
from alongside.voice.models import Contribution

pytestmark = pytest.mark.django_db


def test_the_demo_loads_about_2000_contributions_of_every_kind_quickly() -> None:
    # Given the demo's people (a small set) and no initiatives yet
    accounts_demo.seed(young_people=30)
    # When the contributions are loaded
    started = time.monotonic()
    result = demo.seed()
    took = time.monotonic() - started
    # Then there are 2,000 in a few seconds, with one audit event for the batch
    assert result.created == Contribution.objects.count() == 2000
    assert took < 10, took
    assert AuditEvent.objects.filter(action="voice.contribution.demo_load").count() >= 1
    assert set(Contribution.objects.values_list("kind", flat=True)) == set(Contribution.Kind.values)
    assert set(Contribution.objects.values_list("channel", flat=True)) == set(
        Contribution.Channel.values
    )
    statuses = dict(Contribution.objects.values_list("status").annotate(n=Count("pk")))
    assert set(statuses) == set(Contribution.Status.values)
    assert statuses["published"] > 1500
    assert Contribution.objects.filter(recorded_by__isnull=False).exists()
    assert Contribution.objects.filter(author__isnull=True).exists()
    # And every held one has a phone number, and none is public
    held = Contribution.objects.filter(status="held")
    assert all("07700" in c.text for c in held)
    organisation = held.first().organisation
    assert not selectors.published_contributions(organisation).filter(status="held").exists()
    assert not Contribution.objects.filter(status="hidden", moderation_reason="").exists()
    # And loading again adds nothing
    assert demo.seed().created == 0
