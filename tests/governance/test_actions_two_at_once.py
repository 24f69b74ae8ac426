"""Two writes at once on minutes and actions (PostgreSQL): an action marked done twice at
the same moment is done once, and a clerk's two saves of the first draft make one set of
minutes. On SQLite the same services are tested one call at a time
(test_actions_services.py, test_minutes_services.py)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.governance.models import ActionItem, Minutes
from alongside.governance.services import actions, minutes
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.governance.factories_meetings import meeting_in_progress
from tests.governance.factories_minutes import finished_meeting


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_an_action_marked_done_twice_at_once_is_done_once_with_the_first_note():
    # given an open action
    room = meeting_in_progress()
    action = actions.action_add(
        actor=room.clerk,
        meeting=room.meeting,
        description="Ask the parks team about the lights",
        owner=room.young[0],
        due_on=timezone.localtime(room.meeting.starts_at).date() + dt.timedelta(days=7),
        idempotency_key=uuid.uuid4(),
    )
    owner = factories.actor(room.young[0])

    # when its owner and the clerk both mark it done at the same moment
    outcomes = run_concurrently(
        lambda: actions.action_done(actor=owner, action=action, note="First"),
        lambda: actions.action_done(actor=room.clerk, action=action, note="Second"),
    )

    # then both are answered, it is done once, and the first note is kept
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert ActionItem.objects.get().done_note == "First"
    assert AuditEvent.objects.filter(action="governance.action.done").count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_first_draft_saved_twice_at_once_makes_one_set_of_minutes():
    # given a finished meeting with no minutes yet
    room = finished_meeting().room

    # when the same draft is saved twice at the same moment
    outcomes = run_concurrently(
        lambda: minutes.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Agreed."),
        lambda: minutes.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Agreed."),
    )

    # then both are answered with the one set of minutes, written once
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert Minutes.objects.count() == 1
    assert AuditEvent.objects.filter(action="governance.minutes.draft").count() == 1
