"""Two agenda changes at the same moment (PostgreSQL): the meeting's row lock puts them one
after the other, so positions stay unique and in order, and a key sent twice is one item."""

from __future__ import annotations

import uuid

import pytest

from alongside.governance.models import AgendaItem
from alongside.governance.services import agenda
from tests.concurrency import needs_postgres, run_concurrently
from tests.governance.factories_planning import Planned, agenda_item, planned_meeting


def _add(plan: Planned, title: str, key: uuid.UUID | None = None):  # type: ignore[no-untyped-def]
    return lambda: agenda.agenda_item_add(
        actor=plan.clerk,
        meeting=plan.meeting,
        title=title,
        idempotency_key=key or uuid.uuid4(),
    )


def _positions(plan: Planned) -> list[int]:
    return list(
        AgendaItem.objects.filter(meeting=plan.meeting)
        .order_by("position")
        .values_list("position", flat=True)
    )


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_items_added_at_once_go_one_after_the_other():
    plan = planned_meeting()
    agenda_item(plan.meeting, 1)
    outcomes = run_concurrently(_add(plan, "A"), _add(plan, "B"))
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert _positions(plan) == [1, 2, 3]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_one_item_sent_twice_at_once_is_added_once():
    plan = planned_meeting()
    key = uuid.uuid4()
    outcomes = run_concurrently(_add(plan, "A", key), _add(plan, "A", key))
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert _positions(plan) == [1]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_move_and_a_removal_at_once_leave_the_positions_unique_and_in_order():
    plan = planned_meeting()
    items = [agenda_item(plan.meeting, n) for n in range(1, 6)]
    outcomes = run_concurrently(
        lambda: agenda.agenda_item_move(actor=plan.clerk, item=items[4], direction="up"),
        lambda: agenda.agenda_item_remove(actor=plan.clerk, item=items[1]),
    )
    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]
    assert _positions(plan) == [1, 2, 3, 4]
