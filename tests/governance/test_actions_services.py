"""Actions: added to a meeting that has started, owned by someone on the board or on the
staff, due on or after the meeting; marked done by their owner or a clerk, once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.governance.models import ActionItem
from alongside.governance.services import actions as services
from tests import factories
from tests.governance.factories import MeetingFactory
from tests.governance.factories_meetings import Room, meeting_in_progress
from tests.governance.factories_minutes import ActionFactory

pytestmark = pytest.mark.django_db


def _due(room: Room, days: int = 14) -> dt.date:
    return timezone.localtime(room.meeting.starts_at).date() + dt.timedelta(days=days)


def _add(room: Room, **kwargs: object) -> ActionItem:
    kwargs.setdefault("description", "Ask the parks team about the lights")
    kwargs.setdefault("owner", room.young[0])
    kwargs.setdefault("due_on", _due(room))
    kwargs.setdefault("idempotency_key", uuid.uuid4())
    return services.action_add(actor=room.clerk, meeting=room.meeting, **kwargs)  # type: ignore[arg-type]


def test_a_clerk_adds_an_action_for_a_member_and_the_same_form_twice_is_one_action():
    room = meeting_in_progress()
    key = uuid.uuid4()
    first = _add(room, idempotency_key=key, description="  Ask the parks team  ")
    again = _add(room, idempotency_key=key, description="Ask the parks team")
    assert first.pk == again.pk
    assert (first.description, first.owner, first.due_on) == (
        "Ask the parks team",
        room.young[0],
        _due(room),
    )
    assert ActionItem.objects.count() == 1
    assert AuditEvent.objects.filter(action="governance.action.add").count() == 1


def test_a_key_used_for_a_different_action_is_refused():
    room = meeting_in_progress()
    key = uuid.uuid4()
    _add(room, idempotency_key=key)
    with pytest.raises(Conflict):
        _add(room, idempotency_key=key, description="Something else")
    assert ActionItem.objects.count() == 1


def test_staff_who_are_not_on_the_board_can_own_an_action():
    room = meeting_in_progress()
    officer = factories.person_with_role(Role.COMMISSIONER, room.board.organisation)
    assert _add(room, owner=officer).owner == officer


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"description": "  "}, "description", "Enter what needs doing."),
        ({"description": "x" * 501}, "description", "500 characters or fewer"),
        ({"due_in_days": -8}, "due_on", "on or after the day of the meeting"),
        ({"stranger": True}, "owner", "sits on the board or works for the organisation"),
        ({"other_agenda": True}, "agenda_item", "this meeting's agenda"),
    ],
)
def test_bad_actions_are_refused_on_their_field_and_nothing_is_added(change, field, message):
    room = meeting_in_progress()
    kwargs: dict[str, object] = {}
    if "description" in change:
        kwargs["description"] = change["description"]
    if "due_in_days" in change:
        kwargs["due_on"] = _due(room, change["due_in_days"])
    if "stranger" in change:
        # A young person of the organisation with no seat on this board
        kwargs["owner"] = factories.person_with_role(Role.YOUNG_PERSON, room.board.organisation)
    if "other_agenda" in change:
        elsewhere = MeetingFactory(board=room.board)
        kwargs["agenda_item"] = elsewhere.agenda_items.create(position=1, title="Elsewhere")
    with pytest.raises(ValidationFailed, match=message) as refused:
        _add(room, **kwargs)
    assert refused.value.field == field
    assert not ActionItem.objects.exists()


def test_actions_cannot_be_added_to_a_meeting_that_has_not_started():
    room = meeting_in_progress()
    room.meeting = MeetingFactory(board=room.board)
    with pytest.raises(ValidationFailed, match="once the meeting has started"):
        _add(room)
    assert not ActionItem.objects.exists()


def test_someone_who_does_not_run_meetings_cannot_add_an_action():
    room = meeting_in_progress()
    with pytest.raises(NotPermitted):
        services.action_add(
            actor=factories.actor(room.young[0]),
            meeting=room.meeting,
            description="Mine",
            owner=room.young[0],
            due_on=_due(room),
            idempotency_key=uuid.uuid4(),
        )
    assert not ActionItem.objects.exists()


def test_the_owner_marks_their_action_done_and_done_twice_is_done_once():
    room = meeting_in_progress()
    action = _add(room)
    owner = factories.actor(room.young[0])
    first = services.action_done(actor=owner, action=action, note="  Asked them.  ")
    again = services.action_done(actor=owner, action=action, note="Asked again.")
    assert first.done_at is not None
    assert again.done_at == first.done_at
    assert ActionItem.objects.get().done_note == "Asked them."
    assert AuditEvent.objects.filter(action="governance.action.done").count() == 1


def test_a_clerk_may_mark_anyones_action_done():
    room = meeting_in_progress()
    action = _add(room)
    assert services.action_done(actor=room.clerk, action=action).done_at is not None


def test_someone_else_cannot_mark_an_action_done_and_nothing_changes():
    room = meeting_in_progress()
    action = _add(room)
    for person in [
        room.young[1],
        factories.person_with_role(Role.COUNCILLOR, room.board.organisation),
    ]:
        with pytest.raises(NotPermitted, match="Only the person the action is for"):
            services.action_done(actor=factories.actor(person), action=action, note="Not mine")
    action.refresh_from_db()
    assert (action.done_at, action.done_note) == (None, "")
    assert not AuditEvent.objects.filter(action="governance.action.done").exists()


def test_a_note_too_long_is_refused_and_the_action_stays_open():
    room = meeting_in_progress()
    action = ActionFactory(meeting=room.meeting, owner=room.young[0])
    with pytest.raises(ValidationFailed, match="500 characters or fewer"):
        services.action_done(actor=room.clerk, action=action, note="x" * 501)
    action.refresh_from_db()
    assert action.done_at is None
