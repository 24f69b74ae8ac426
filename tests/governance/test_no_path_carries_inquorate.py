"""No path can record a carried motion in a meeting that is not quorate.

The paths into the data, each tried here: the clerk's page, the API (test_api.py), the
management commands, Django's admin, background tasks, and a direct write (a shell, or code
that skips the service), which the database refuses. ``governance verify`` then re-checks
what the database holds against the attendance rows (test_verify.py)."""

from __future__ import annotations

import importlib.util

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, get_commands
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from alongside.core.audit import AuditEvent
from alongside.decisions.models import Decision
from alongside.governance.models import Motion
from alongside.governance.services import attendance
from tests.governance.factories_meetings import meeting_in_progress, motion_waiting
from tests.snapshots import rows_snapshot

pytestmark = pytest.mark.django_db


def _inquorate_motion():
    room = meeting_in_progress()
    motion = motion_waiting(room)
    attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.young[1])
    return room, motion


def test_the_page_refuses_and_keeps_the_refusal(client):
    room, motion = _inquorate_motion()
    client.force_login(room.clerk.person.user)
    url = reverse(
        "governance:motion-decide",
        args=[room.board.organisation.slug, room.meeting.public_id, motion.public_id],
    )
    body = {"votes_for": "3", "votes_against": "0", "abstentions": "0", "what_changes": "Yes."}
    response = client.post(url, body)
    assert response.status_code == 200
    assert "not quorate" in response.content.decode().lower()
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.PROPOSED
    assert not Decision.objects.exists()
    assert AuditEvent.objects.filter(action="governance.motion.refused_inquorate").exists()


def test_the_database_refuses_a_carried_motion_without_a_quorate_verdict():
    _room, motion = _inquorate_motion()
    decided = {
        "status": Motion.Status.CARRIED,
        "votes_for": 3,
        "votes_against": 0,
        "abstentions": 0,
        "decided_at": timezone.now(),
    }
    for verdict in (
        None,
        {"counted": []},
        {"verdict": {}},
        {"verdict": {"quorate": False}},
        {"verdict": {"quorate": None}},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Motion.objects.filter(pk=motion.pk).update(quorum_at_vote=verdict, **decided)
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.PROPOSED


def test_the_only_governance_command_reads_and_never_writes(capsys):
    assert get_commands()["governance"] == "alongside.governance"
    _inquorate_motion()
    before = rows_snapshot()
    call_command("governance", "verify")
    assert rows_snapshot() == before
    with pytest.raises(CommandError):
        call_command("governance", "carry")


def test_there_is_no_django_admin_to_write_through(client):
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert client.get("/admin/").status_code == 404


def test_no_background_task_writes_motions():
    # Governance has no tasks module; a task added later must call motion_decide, whose
    # refusal and the constraint above apply to it as to the page.
    assert importlib.util.find_spec("alongside.governance.tasks") is None
