"""The initiatives domain's rows of the permission matrix and page sweep (see tests/matrix.py):
the staff pages that set up and run an initiative, and its public pages."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.initiatives.models import Initiative, Session
from tests import factories
from tests.initiatives import factories as initiative_factories
from tests.initiatives.factories_sessions import attend, initiative_in, session_in
from tests.matrix import Row as R
from tests.matrix import World, long_name, org

WORKER = Role.WORKER.value


def _actor(w: World) -> Any:
    return factories.actor(w.person(WORKER))


def _made(w: World, key: str, build: Any) -> Initiative:
    if key not in w.objects:
        w.objects[key] = build(w.organisation, actor=_actor(w), title=long_name(key))
    return w.objects[key]


def _planning(w: World) -> Initiative:
    return _made(w, "planning", initiative_factories.initiative)


def _ready(w: World) -> Initiative:
    return _made(w, "ready", initiative_factories.ready)


def _open(w: World) -> Initiative:
    made = _made(w, "open", initiative_factories.opened)
    if "team" not in w.objects:
        # A young person and a worker on the team, so the pages show both.
        young = w.person(Role.YOUNG_PERSON.value)
        w.objects["team"] = initiative_factories.on_team(made, young, _actor(w))
        initiative_factories.on_team(made, w.person(WORKER), _actor(w), role="Lead worker")
    return made


def _closable(w: World) -> Initiative:
    return _made(w, "closable", initiative_factories.with_feedback)


def _args(initiative: Initiative, w: World) -> dict[str, Any]:
    return {**org(w), "initiative_id": initiative.public_id}


def planning(w: World) -> dict[str, Any]:
    return _args(_planning(w), w)


def ready(w: World) -> dict[str, Any]:
    return _args(_ready(w), w)


def opened(w: World) -> dict[str, Any]:
    return _args(_open(w), w)


def closable(w: World) -> dict[str, Any]:
    return _args(_closable(w), w)


def _org_with_forms(w: World) -> dict[str, Any]:
    initiative_factories.ensure_reference_data()
    return org(w)


def _with_list(w: World) -> dict[str, Any]:
    _open(w)
    _planning(w)
    return org(w)


def _team_member(w: World) -> dict[str, Any]:
    _open(w)
    return {**opened(w), "pk": w.objects["team"].pk}


def _question(w: World) -> dict[str, Any]:
    return {**planning(w), "question": "lundy-space"}


def _public(w: World) -> dict[str, Any]:
    return {"public_id": _open(w).public_id}


def _take_part(w: World) -> dict[str, Any]:
    _open(w)
    return org(w)


def _candidate(w: World) -> dict[str, Any]:
    # Someone who is part of the organisation and not yet on the team.
    return {
        "person": w.person(Role.COMMISSIONER.value).public_id,
        "role_title": "Commissioning adviser",
        "role_description": "Explains how contracts work and what can change.",
    }


ONE_DAY = {
    "starts_day": "4",
    "starts_month": "6",
    "starts_year": "2026",
    "ends_day": "31",
    "ends_month": "7",
    "ends_year": "2026",
}

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
        "basis": "chosen",
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
    R("initiatives:initiative-list", _with_list),
    R(
        "initiatives:initiative-create",
        _org_with_forms,
        body=lambda w: {
            "idempotency_key": str(uuid.uuid4()),
            "title": "Redesign the drop-in",
            "purpose": "Young people redesign the Tuesday drop-in.",
            "forms": ["co-design"],
        },
    ),
    R("initiatives:initiative-detail", opened, sweep_as=(WORKER, Role.COUNCILLOR.value)),
    R("initiatives:initiative-setup", planning),
    R(
        "initiatives:initiative-about",
        planning,
        body=lambda w: {"title": "Youth budget", "purpose": "Spend £20,000 well."},
    ),
    R("initiatives:initiative-forms", planning, body=lambda w: {"forms": ["co-design"]}),
    R(
        "initiatives:initiative-decision",
        planning,
        body=lambda w: {
            "decision_fed": "How the budget is spent",
            "decision_maker": "The youth service manager",
            "scope_for_influence": "Which projects get money.",
            "how_to_take_part": "Come on Tuesdays.",
        },
    ),
    R("initiatives:initiative-dates", planning, body=lambda w: ONE_DAY),
    R("initiatives:team-list", opened),
    R("initiatives:team-add", opened, body=_candidate),
    R("initiatives:team-remove", _team_member, body=lambda w: {}),
    R("initiatives:checklist", planning),
    R(
        "initiatives:checklist-answer",
        _question,
        body=lambda w: {"answer": "yes", "how": "At the youth club, in small groups."},
    ),
    R(
        "initiatives:initiative-ladder",
        planning,
        body=lambda w: {"claimed_rung": "6", "agenda_set_by": "adults", "decided_by": "shared"},
    ),
    R("initiatives:initiative-moderation", planning, body=lambda w: {"moderation": "before"}),
    R("initiatives:initiative-open", ready, body=lambda w: {}),
    R("initiatives:initiative-deciding", opened, body=lambda w: {}),
    R("initiatives:initiative-delivering", opened, body=lambda w: {}),
    R(
        "initiatives:initiative-feedback",
        opened,
        body=lambda w: {"feedback": "You chose three projects and all three got money."},
    ),
    R("initiatives:initiative-close", closable, body=lambda w: {}),
    R("initiatives:initiative-public", _public),
    R("initiatives:take-part", _take_part),
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
