"""Minutes through the Django client: written from the record, labelled as a draft for
clerks, hidden from other members until published, approved by the next meeting's motion,
then published; the body shown as paragraphs, never as HTML."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from alongside.governance.models import AgendaItem, MeetingAttendance, Minutes, Motion
from alongside.governance.models.boards import Constituency
from alongside.governance.services import attendance, motions
from tests.governance.factories import MeetingFactory, seat_for
from tests.governance.factories_minutes import Finished, approve, finished_meeting

pytestmark = pytest.mark.django_db


def _url(finished: Finished, name: str = "governance:minutes-detail") -> str:
    room = finished.room
    return reverse(name, args=[room.board.organisation.slug, room.meeting.public_id])


def test_a_clerk_writes_the_minutes_from_the_draft_and_reads_them_labelled_as_a_draft(client):
    finished = finished_meeting()
    client.force_login(finished.room.clerk.person.user)
    page = client.get(_url(finished, "governance:minutes-draft"))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert "Carried: for 2, against 1, abstained 0." in html
    assert f"Sent apologies: {finished.apologies.display_name}" in html
    response = client.post(
        _url(finished, "governance:minutes-draft"),
        {"body": "Everyone said hello.\n\n<b>Saturday</b> opening was agreed."},
    )
    assert response.status_code == 302
    assert response["Location"] == _url(finished)
    html = client.get(_url(finished)).content.decode()
    assert "Draft: not yet approved" in html
    assert '<p class="govuk-body alongside-break">Everyone said hello.</p>' in html
    assert "&lt;b&gt;Saturday&lt;/b&gt; opening was agreed." in html
    assert "<b>Saturday</b>" not in html


def test_empty_minutes_show_the_message_on_the_field(client):
    finished = finished_meeting()
    client.force_login(finished.room.clerk.person.user)
    response = client.post(_url(finished, "governance:minutes-draft"), {"body": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter the minutes." in html
    assert "This field is required" not in html
    assert not Minutes.objects.exists()


def test_a_member_sees_no_draft_until_the_minutes_are_published(client):
    finished = finished_meeting()
    room = finished.room
    minutes = Minutes.objects.create(meeting=room.meeting, body="A secret draft.")
    client.force_login(room.young[0].user)
    html = client.get(_url(finished)).content.decode()
    assert "A secret draft." not in html
    assert "have not been published yet" in html
    approve(minutes)
    assert "A secret draft." not in client.get(_url(finished)).content.decode()
    Minutes.objects.filter(pk=minutes.pk).update(
        status="published", published_at=minutes.approved_at
    )
    html = client.get(_url(finished)).content.decode()
    assert "A secret draft." in html
    assert "Draft" not in html


def test_publishing_a_draft_says_why_not_on_the_page_and_changes_nothing(client):
    finished = finished_meeting()
    Minutes.objects.create(meeting=finished.room.meeting, body="Draft.")
    client.force_login(finished.room.clerk.person.user)
    response = client.post(_url(finished, "governance:minutes-publish"), {})
    assert response.status_code == 200
    assert "These minutes are still a draft." in response.content.decode()
    assert Minutes.objects.get().status == Minutes.Status.DRAFT


def test_minutes_approved_by_the_next_meeting_are_published_for_everyone(client):
    finished = finished_meeting()
    room = finished.room
    client.force_login(room.clerk.person.user)
    client.post(_url(finished, "governance:minutes-draft"), {"body": "What we agreed."})
    minutes = Minutes.objects.get()
    # The next meeting approves them by a motion.
    next_meeting = attendance.meeting_open(
        actor=room.clerk,
        meeting=MeetingFactory(
            board=room.board,
            starts_at=room.meeting.starts_at.replace(year=room.meeting.starts_at.year + 1),
        ),
    )
    for person in [*room.young[:2], *room.professionals]:
        attendance.attendance_mark(
            actor=room.clerk, meeting=next_meeting, person=person, status="present"
        )
    motion = motions.motion_propose(
        actor=room.clerk,
        meeting=next_meeting,
        text="That the minutes of the last meeting are a true record",
        proposer=room.young[0],
        seconder=room.professionals[0],
        approves_minutes=minutes,
        idempotency_key=uuid.uuid4(),
    )
    motions.motion_decide(
        actor=room.clerk,
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(4, 0, 0),
        what_changes="The minutes are agreed.",
    )
    assert "Approved: not yet published" in client.get(_url(finished)).content.decode()
    response = client.post(_url(finished, "governance:minutes-publish"), {})
    assert response.status_code == 302
    client.force_login(room.young[1].user)
    assert "What we agreed." in client.get(_url(finished)).content.decode()


def test_another_organisations_meeting_has_no_minutes_page(client):
    finished = finished_meeting()
    other = finished_meeting()
    client.force_login(other.room.clerk.person.user)
    url = reverse(
        "governance:minutes-detail",
        args=[other.room.board.organisation.slug, finished.room.meeting.public_id],
    )
    assert client.get(url).status_code == 404


def test_the_meeting_page_links_to_its_minutes_and_actions(client):
    finished = finished_meeting()
    room = finished.room
    meeting_url = _url(finished, "governance:meeting-detail")
    client.force_login(room.clerk.person.user)
    html = client.get(meeting_url).content.decode()
    assert _url(finished, "governance:minutes-draft") in html
    assert _url(finished, "governance:action-add") in html
    client.force_login(room.young[0].user)
    html = client.get(meeting_url).content.decode()
    assert _url(finished) in html
    assert _url(finished, "governance:minutes-draft") not in html
    assert (
        reverse(
            "governance:board-actions", args=[room.board.organisation.slug, room.board.public_id]
        )
        in html
    )


def test_the_first_draft_takes_the_same_queries_however_many_came_and_voted(
    client, django_assert_max_num_queries
):
    finished = finished_meeting()
    room = finished.room
    url = _url(finished, "governance:minutes-draft")
    client.force_login(room.clerk.person.user)
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    for n in range(4):
        seat = seat_for(room.board, Constituency.YOUNG_PERSON)
        MeetingAttendance.objects.create(
            meeting=room.meeting,
            person=seat.holder,
            seat=seat,
            constituency=seat.constituency,
            votes=True,
            status="apologies",
        )
        AgendaItem.objects.create(meeting=room.meeting, position=n + 1, title=f"Item {n}")
        Motion.objects.create(
            meeting=room.meeting,
            text=f"Motion {n}",
            proposer=room.young[0],
            seconder=room.professionals[0],
            idempotency_key=uuid.uuid4(),
        )
    with django_assert_max_num_queries(len(captured)):
        client.get(url)
