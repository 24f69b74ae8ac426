"""The initiatives domain's rows of the permission matrix and page sweep (see tests/matrix.py)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from alongside.initiatives.models import Initiative, Session
from tests import factories
from tests.initiatives.factories_sessions import attend, initiative_in, session_in
from tests.matrix import Row as R
from tests.matrix import World, long_name, org

# Sessions and attendance -------------------------------------------------------------------


def _initiative(w: World) -> Initiative:
    """An open initiative with a long title (a long unbroken word in it, too)."""
    if "sessions_initiative" not in w.objects:
        w.objects["sessions_initiative"] = initiative_in(
            w.organisation, title="Youth centre redesign " + long_name("initiative")
        )
    return w.objects["sessions_initiative"]


def _session(w: World) -> Session:
    """A session two young people without a sign-in came to: an 8-year-old waiting for a
    parent's consent, and a 15-year-old, both with 60-character names."""
    if "session" not in w.objects:
        session = session_in(w.organisation, initiative=_initiative(w), duration_minutes=90)
        for label, age in (("attendee_child", 8), ("attendee_teen", 15)):
            person = factories.offline_person(
                w.organisation, age=age, display_name=long_name(label)
            )
            attend(session, person, 60)
            w.objects[label] = person
        w.objects["session"] = session
    return w.objects["session"]


def _with_initiative(w: World) -> dict[str, Any]:
    _initiative(w)
    return org(w)


def _initiative_kwargs(w: World) -> dict[str, Any]:
    return {**org(w), "initiative": _initiative(w).public_id}


def _session_kwargs(w: World) -> dict[str, Any]:
    return {**org(w), "session": _session(w).public_id}


def _attendance_kwargs(w: World) -> dict[str, Any]:
    return {**_session_kwargs(w), "person": w.objects["attendee_teen"].public_id}


def _session_body(w: World) -> dict[str, Any]:
    day = timezone.localdate()
    return {
        "held_on_day": day.day,
        "held_on_month": day.month,
        "held_on_year": day.year,
        "place": Session.Place.YOUTH_CLUB,
        "duration_minutes": 90,
    }


def _find_body(w: World) -> dict[str, Any]:
    """Someone who is not on the session yet."""
    if "newcomer" not in w.objects:
        w.objects["newcomer"] = factories.offline_person(w.organisation, age=14)
    return {"person": w.objects["newcomer"].public_id, "minutes": 45}


def _new_person_body(w: World) -> dict[str, Any]:
    return {
        "display_name": "Ash",
        "birth_month": 3,
        "birth_year": timezone.localdate().year - 11,
        "minutes": 30,
    }


MATRIX_ROWS = [
    # Sessions and attendance
    R("initiatives:sessions-to-record", _with_initiative),
    R("initiatives:session-list", _initiative_kwargs),
    R("initiatives:session-record", _initiative_kwargs, body=_session_body),
    R("initiatives:session-detail", _session_kwargs),
    R("initiatives:session-find", _session_kwargs, body=_find_body),
    R("initiatives:session-person-add", _session_kwargs, body=_new_person_body),
    R(
        "initiatives:session-attendance-change",
        _attendance_kwargs,
        body=lambda w: {"minutes": 45},
    ),
    R("initiatives:session-attendance-remove", _attendance_kwargs, body=lambda w: {}),
]
