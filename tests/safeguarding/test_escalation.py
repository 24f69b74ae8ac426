"""A concern no lead picks up in time is escalated to the admins once, however often the run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.notices.models import Notice
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.safeguarding.factories import concern_from, lead

pytestmark = pytest.mark.django_db


def test_a_late_concern_is_escalated_once_however_often_the_run(
    organisation, young_person, admin, capsys
):
    # Given a concern past its time, one picked up late, and one still in time
    the_lead = lead(organisation)
    late = concern_from(young_person, organisation)
    picked_up = concern_from(young_person, organisation)
    in_time = concern_from(young_person, organisation)
    past = timezone.now() - dt.timedelta(minutes=1)
    Concern.objects.filter(pk__in=[late.pk, picked_up.pk]).update(acknowledge_by=past)
    services.concern_acknowledge(
        actor=factories.actor(the_lead), organisation=organisation, concern=picked_up
    )

    # When the run happens twice
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("safeguarding", "escalate")
        call_command("safeguarding", "escalate")

    # Then only the late one is escalated, once, and says so once
    assert "1 safeguarding concern escalated." in capsys.readouterr().out
    late.refresh_from_db()
    assert late.escalated_at is not None
    assert Concern.objects.filter(escalated_at__isnull=False).count() == 1
    assert AuditEvent.objects.filter(action="safeguarding.concern.escalate").count() == 1
    # And the admin is told, without its words, to ask the leads; the lead is not told again
    (notice,) = Notice.objects.filter(person=admin)
    assert notice.text.startswith("A safeguarding concern has not been picked up in time")
    assert "phone" not in notice.text
    assert not Notice.objects.filter(person=the_lead, kind="safeguarding.escalated").exists()
    # And the admin still cannot read it
    assert not factories.actor(admin).can("safeguarding.concern.handle", organisation)
    # And a lead picking it up later does not undo the escalation
    services.concern_acknowledge(
        actor=factories.actor(the_lead), organisation=organisation, concern=late
    )
    late.refresh_from_db()
    assert late.escalated_at is not None
    assert in_time.escalated_at is None


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_escalate_a_concern_once(organisation, young_person, admin):
    # Given a late concern
    lead(organisation)
    late = concern_from(young_person, organisation)
    Concern.objects.filter(pk=late.pk).update(acknowledge_by=timezone.now() - dt.timedelta(hours=1))

    # When two runs find it at the same moment
    first, second = run_concurrently(
        services.concerns_escalate_overdue, services.concerns_escalate_overdue
    )

    # Then one of them escalated it
    assert first.ok
    assert second.ok
    assert sorted([first.result, second.result]) == [0, 1]
    assert AuditEvent.objects.filter(action="safeguarding.concern.escalate").count() == 1
    assert Notice.objects.filter(person=admin).count() == 1
