"""Actions through the Django client: adding one, a board's list (open first, overdue in red),
marking done (refused to anyone but the owner and clerks), "My actions", and the lists'
queries as actions grow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.governance.models import ActionItem
from tests.governance.factories import BoardFactory, MeetingFactory
from tests.governance.factories_meetings import Room, meeting_in_progress
from tests.governance.factories_minutes import ActionFactory

pytestmark = pytest.mark.django_db


def _slug(room: Room) -> str:
    return room.board.organisation.slug


def _list_url(room: Room) -> str:
    return reverse("governance:board-actions", args=[_slug(room), room.board.public_id])


def _action(room: Room, days: int, **kwargs: object) -> ActionItem:
    return ActionFactory(
        meeting=room.meeting,
        owner=kwargs.pop("owner", room.young[0]),
        due_on=timezone.localdate() + dt.timedelta(days=days),
        **kwargs,
    )


def test_a_clerk_adds_an_action_and_sees_it_on_the_boards_list(client):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    url = reverse("governance:action-add", args=[_slug(room), room.meeting.public_id])
    page = client.get(url).content.decode()
    assert room.young[0].display_name in page
    assert 'type="hidden" name="idempotency_key"' in page
    due = timezone.localtime(room.meeting.starts_at).date() + dt.timedelta(days=7)
    response = client.post(
        url,
        {
            "idempotency_key": "4a1e7c7e-4b7e-4f0a-9d1c-1f2e3d4c5b6a",
            "description": "Ask the parks team about the lights",
            "owner": str(room.young[0].pk),
            "due_on_day": str(due.day),
            "due_on_month": str(due.month),
            "due_on_year": str(due.year),
            "agenda_item": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == _list_url(room)
    assert "Ask the parks team about the lights" in client.get(_list_url(room)).content.decode()


def test_an_action_sent_empty_says_what_to_enter(client):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    url = reverse("governance:action-add", args=[_slug(room), room.meeting.public_id])
    html = client.post(url, {"idempotency_key": "4a1e7c7e-4b7e-4f0a-9d1c-1f2e3d4c5b6a"}).content
    html = html.decode()
    assert "govuk-error-summary" in html
    assert "Enter what needs doing." in html
    assert "Select who will do it." in html
    assert "Enter the date it is due" in html
    assert "This field is required" not in html
    assert not ActionItem.objects.exists()


def test_the_boards_list_puts_open_actions_first_and_marks_the_overdue_in_red(client):
    room = meeting_in_progress()
    done = _action(room, -10, description="Done already", done_at=timezone.now())
    later = _action(room, 5, description="Due later")
    late = _action(room, -2, description="Late one")
    client.force_login(room.young[1].user)
    html = client.get(_list_url(room)).content.decode()
    assert html.index(late.description) < html.index(later.description)
    assert html.index(later.description) < html.index(done.description)
    assert html.count("govuk-tag--red") == 1
    assert "Overdue" in html
    # Not theirs, and not a clerk: no way to mark them done
    assert "Mark done" not in html


def test_someone_who_neither_owns_the_action_nor_clerks_is_refused_and_nothing_changes(client):
    room = meeting_in_progress()
    action = _action(room, 5)
    url = reverse("governance:action-done", args=[_slug(room), action.public_id])
    client.force_login(room.young[1].user)
    assert client.get(url).status_code == 403
    assert client.post(url, {"note": "Not mine"}).status_code == 403
    action.refresh_from_db()
    assert (action.done_at, action.done_note) == (None, "")


def test_the_owner_marks_their_action_done_with_a_note(client):
    room = meeting_in_progress()
    action = _action(room, 5)
    url = reverse("governance:action-done", args=[_slug(room), action.public_id])
    client.force_login(room.young[0].user)
    page = client.get(url)
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    response = client.post(url, {"note": "The lights go in next month."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_at is not None
    assert action.done_note == "The lights go in next month."


def test_my_actions_lists_mine_from_every_board_open_first_and_not_other_peoples(client):
    room = meeting_in_progress()
    mine = _action(room, 3, description="Mine on this board")
    _action(room, 3, description="Someone else's", owner=room.young[1])
    other_board = BoardFactory(organisation=room.board.organisation)
    elsewhere = ActionFactory(
        meeting=MeetingFactory(board=other_board),
        owner=room.young[0],
        description="Mine on another board",
        done_at=timezone.now(),
    )
    client.force_login(room.young[0].user)
    response = client.get(reverse("governance:my-actions", args=[_slug(room)]))
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert html.index(mine.description) < html.index(elsewhere.description)
    assert other_board.name in html
    assert "Someone else's" not in html


def test_my_actions_says_what_will_appear_when_there_are_none(client):
    room = meeting_in_progress()
    client.force_login(room.young[1].user)
    html = client.get(reverse("governance:my-actions", args=[_slug(room)])).content.decode()
    assert "You have no actions." in html


@pytest.mark.parametrize("page", ["board", "mine"])
def test_the_action_lists_take_the_same_queries_however_many_actions(
    client, django_assert_max_num_queries, page
):
    room = meeting_in_progress()
    url = (
        _list_url(room) if page == "board" else reverse("governance:my-actions", args=[_slug(room)])
    )
    client.force_login(room.young[0].user)
    _action(room, 1)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    for days in range(-3, 5):
        other_meeting = MeetingFactory(board=room.board)
        ActionFactory(
            meeting=other_meeting,
            owner=room.young[0],
            due_on=timezone.localdate() + dt.timedelta(days=days),
        )
    with django_assert_max_num_queries(len(captured)):
        client.get(url)


def test_an_owner_who_is_not_on_the_list_is_refused_in_plain_words(client):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    url = reverse("governance:action-add", args=[_slug(room), room.meeting.public_id])
    due = timezone.localtime(room.meeting.starts_at).date() + dt.timedelta(days=7)
    response = client.post(
        url,
        {
            "idempotency_key": "4a1e7c7e-4b7e-4f0a-9d1c-1f2e3d4c5b6a",
            "description": "Ask the parks team",
            "owner": "999999",
            "due_on_day": str(due.day),
            "due_on_month": str(due.month),
            "due_on_year": str(due.year),
            "agenda_item": "999999",
        },
    )
    html = response.content.decode()
    assert "Select someone who sits on the board or works for the organisation." in html
    assert "Select an item on this meeting" in html
    assert "valid choice" not in html
    assert not ActionItem.objects.exists()
