"""Earning's rows of the permission matrix: the approve pages (staff who run activities), the
rules page (organisation admins) and "How you earn credits" (participants)."""

from __future__ import annotations

from typing import Any

from alongside.accounts.roles import Role
from alongside.credits.models import Earning
from alongside.credits.services.earning import earnings_approve
from tests import factories
from tests.credits.factories_earn import session_with
from tests.matrix import PageState, World, org
from tests.matrix import Row as R


def _session(w: World) -> Any:
    if "earn_session" not in w.objects:
        people = [w.person(Role.YOUNG_PERSON.value), w.person(Role.PARENT_CARER.value)]
        w.objects["earn_session"] = session_with(w.organisation, people, minutes=95)
    return w.objects["earn_session"]


def _occasion(w: World) -> dict[str, Any]:
    return {**org(w), "source": "session", "occasion": _session(w).public_id}


def _one_person(w: World) -> dict[str, Any]:
    return {**_occasion(w), "person": w.person(Role.YOUNG_PERSON.value).public_id}


def _approve_body(w: World) -> dict[str, Any]:
    return {"people": [str(w.person(Role.YOUNG_PERSON.value).public_id)]}


def _decline_body(w: World) -> dict[str, Any]:
    return {"reason": "You joined for the last five minutes only."}


def _rules_body(w: World) -> dict[str, Any]:
    return {
        "rounding": "down_quarter",
        "weekly_cap_hours": "10",
        "earns_session": "yes",
        "rate_session": "60",
        "earns_board_meeting": "no",
        "rate_board_meeting": "60",
        "earns_claim": "yes",
        "rate_claim": "60",
    }


def _half_decided(w: World) -> dict[str, Any]:
    found = _occasion(w)
    earnings_approve(
        organisation=w.organisation,
        source="session",
        occasion_key=f"session:{found['occasion']}",
        person_ids=[w.person(Role.YOUNG_PERSON.value).pk],
        actor=factories.actor(w.person(Role.WORKER.value)),
    )
    return found


def _list_with_waiting(w: World) -> dict[str, Any]:
    _session(w)
    return org(w)


MATRIX_ROWS = [
    R("credits:earn-approve-list", org),
    R("credits:earn-approve-occasion", _occasion, body=_approve_body),
    R("credits:earn-decline", _one_person, body=_decline_body),
    R("credits:earn-rules", org, body=_rules_body),
    R("credits:earn-how", org),
]

PAGE_STATES = [
    # A worker sees a session with people's time waiting.
    PageState("credits-approve-waiting", "credits:earn-approve-list", _list_with_waiting, "worker"),
    # One person credited, one still to decide: both lists on the page.
    PageState(
        "credits-occasion-half-decided", "credits:earn-approve-occasion", _half_decided, "worker"
    ),
]

TYPED_TEXT = [(Earning, "decision_note")]


def _person(w: World) -> dict[str, Any]:
    return {**org(w), "person": w.person(Role.YOUNG_PERSON.value).public_id}


def _adjust_body(w: World) -> dict[str, Any]:
    import uuid

    return {
        "idempotency_key": str(uuid.uuid4()),
        "direction": "give",
        "hours": "2",
        "minutes": "0",
        "reason": "Helped at the open day, not recorded.",
    }


MATRIX_ROWS.append(R("credits:earn-person", _person, body=_adjust_body))


def _credited(w: World) -> dict[str, Any]:
    _half_decided(w)
    earning = Earning.objects.get(person=w.person(Role.YOUNG_PERSON.value))
    return {**org(w), "pk": earning.pk}


def _take_back_body(w: World) -> dict[str, Any]:
    return {"reason": "These were given to the wrong person."}


MATRIX_ROWS.append(R("credits:earn-take-back", _credited, body=_take_back_body))


def _person_with_earnings(w: World) -> dict[str, Any]:
    _credited(w)
    return _person(w)


PAGE_STATES.append(
    # A person with credits earned lately, each with a "Take back" link.
    PageState(
        "credits-person-with-earnings", "credits:earn-person", _person_with_earnings, "worker"
    )
)
