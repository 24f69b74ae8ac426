"""The demo's sessions: about 12 over three months, 5 to 15 people at each, some added there
with no sign-in; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from alongside.accounts import demo
from alongside.initiatives import demo_sessions
from alongside.initiatives.models import Attendance, Session

pytestmark = pytest.mark.django_db


def test_the_demo_records_sessions_with_young_people_who_have_no_sign_in() -> None:
    # Given the demo council
    demo.seed(young_people=60)
    # When its sessions are seeded, twice
    assert demo_sessions.seed() == demo_sessions.SESSIONS
    sessions_before, attendance_before = Session.objects.count(), Attendance.objects.count()
    assert demo_sessions.seed() == demo_sessions.SESSIONS
    # Then the second run added nothing
    assert (Session.objects.count(), Attendance.objects.count()) == (
        sessions_before,
        attendance_before,
    )
    # And there are 12 sessions in the last three months, each with 5 to 16 people
    sessions = Session.objects.annotate(people=Count("attendance"))
    assert sessions.count() == 12
    today = timezone.localdate()
    for session in sessions:
        assert today - dt.timedelta(days=demo_sessions.DAYS_BACK) <= session.held_on <= today
        assert 5 <= session.people <= 16
    # And some of those who came were added at the session, with no sign-in
    added = Attendance.objects.filter(idempotency_key__isnull=False).select_related("person")
    assert added.count() == len(demo_sessions.NEW_AT_SESSIONS)
    assert all(row.person.user_id is None for row in added)
    assert any(row.person.needs_parental_consent for row in added)
