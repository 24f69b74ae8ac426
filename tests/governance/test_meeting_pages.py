"""A meeting's pages through the Django client: attendance marks, a bad mark, and the
attendance page's queries as seats grow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.governance.models import MeetingAttendance
from alongside.governance.models.boards import Constituency
from tests.governance.factories import seat_for
from tests.governance.factories_meetings import meeting_in_progress

pytestmark = pytest.mark.django_db


def _url(room, name="governance:meeting-attendance"):
    return reverse(name, args=[room.board.organisation.slug, room.meeting.public_id])


def test_marking_someone_here_changes_the_tag_and_is_not_kept_in_a_shared_cache(client):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    row = MeetingAttendance.objects.get(meeting=room.meeting, person=room.young[0])
    response = client.post(_url(room), {"row": row.pk, "mark": "present"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#row-{row.pk}")
    page = client.get(_url(room))
    assert page["Cache-Control"] == "no-store"
    assert "Not quorate: needs 2 more voting members" in page.content.decode()


def test_a_mark_for_someone_not_on_the_list_changes_nothing_and_says_so(client):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    before = list(MeetingAttendance.objects.values_list("status", flat=True))
    for body in ({"row": "999999", "mark": "present"}, {"row": "x", "mark": "present"}):
        response = client.post(_url(room), body)
        assert response.status_code == 400
        assert "That could not be recorded" in response.content.decode()
    assert list(MeetingAttendance.objects.values_list("status", flat=True)) == before


def test_the_attendance_page_takes_the_same_queries_however_many_seats(
    client, django_assert_max_num_queries
):
    room = meeting_in_progress()
    client.force_login(room.clerk.person.user)
    with django_assert_max_num_queries(30) as captured:
        client.get(_url(room))
    for _ in range(5):
        seat = seat_for(room.board, Constituency.YOUNG_PERSON)
        MeetingAttendance.objects.create(
            meeting=room.meeting,
            person=seat.holder,
            seat=seat,
            constituency=seat.constituency,
            votes=True,
            status="absent",
        )
    with django_assert_max_num_queries(len(captured)):
        client.get(_url(room))
