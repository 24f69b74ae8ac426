"""Recording a vote on the clerk's page: by show of hands, or by name for each voting member
in the room; carried, it goes on to what young people said that it answers."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from alongside.decisions.models import Decision
from alongside.governance.models import Minutes, Motion, MotionVote
from alongside.governance.services import attendance
from tests.governance.factories import MeetingFactory
from tests.governance.factories_meetings import meeting_in_progress, motion_waiting

pytestmark = pytest.mark.django_db


def _url(room, motion):
    return reverse(
        "governance:motion-decide",
        args=[room.board.organisation.slug, room.meeting.public_id, motion.public_id],
    )


def test_a_vote_by_name_records_each_person_and_the_meeting_page_offers_what_it_answers(client):
    room = meeting_in_progress()
    motion = motion_waiting(room)
    client.force_login(room.clerk.person.user)
    page = client.get(_url(room, motion) + "?by=name")
    assert page.status_code == 200
    text = page.content.decode()
    for person in [*room.young, *room.professionals]:
        assert person.display_name in text
    body = {f"vote_{p.pk}": "for" for p in room.young}
    body |= {f"vote_{p.pk}": "against" for p in room.professionals[:1]}
    body |= {f"vote_{p.pk}": "abstain" for p in room.professionals[1:]}
    body["what_changes"] = "The club opens on Saturdays."
    response = client.post(_url(room, motion) + "?by=name", body)
    assert response.status_code == 302
    decision = Decision.objects.get()
    meeting_url = reverse(
        "governance:meeting-detail", args=[room.board.organisation.slug, room.meeting.public_id]
    )
    assert response["Location"] == meeting_url
    cite = reverse(
        "decisions:decision-cite-add", args=[room.board.organisation.slug, decision.public_id]
    )
    assert cite in client.get(meeting_url).content.decode()
    motion.refresh_from_db()
    assert (motion.status, motion.method) == (Motion.Status.CARRIED, Motion.Method.BY_NAME)
    assert (motion.votes_for, motion.votes_against, motion.abstentions) == (2, 1, 1)
    assert MotionVote.objects.filter(motion=motion).count() == 4


def test_a_vote_by_name_missing_someone_says_whose_vote_is_missing(client):
    room = meeting_in_progress()
    motion = motion_waiting(room)
    client.force_login(room.clerk.person.user)
    body = {f"vote_{p.pk}": "for" for p in [*room.young, *room.professionals[:1]]}
    response = client.post(_url(room, motion) + "?by=name", body)
    assert response.status_code == 200
    missing = room.professionals[1].display_name
    assert f"Select For, Against or Abstain for {missing}." in response.content.decode()
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.PROPOSED


def test_someone_arriving_while_the_form_was_open_means_the_vote_is_taken_again(client):
    room = meeting_in_progress()
    motion = motion_waiting(room)
    attendance.attendance_left(actor=room.clerk, meeting=room.meeting, person=room.professionals[1])
    client.force_login(room.clerk.person.user)
    body = {f"vote_{p.pk}": "for" for p in [*room.young, room.professionals[0]]}
    body["what_changes"] = "It opens."
    # The page was read with three voters; a fourth comes back before it is sent
    attendance.attendance_back(actor=room.clerk, meeting=room.meeting, person=room.professionals[1])
    response = client.post(_url(room, motion) + "?by=name", body)
    assert response.status_code == 200
    assert "Select For, Against or Abstain for" in response.content.decode()
    assert not MotionVote.objects.exists()


def test_a_vote_not_carried_goes_back_to_the_meeting(client):
    room = meeting_in_progress()
    motion = motion_waiting(room)
    client.force_login(room.clerk.person.user)
    response = client.post(
        _url(room, motion), {"votes_for": "1", "votes_against": "3", "abstentions": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "governance:meeting-detail", args=[room.board.organisation.slug, room.meeting.public_id]
    )
    assert Motion.objects.get(pk=motion.pk).status == Motion.Status.LOST
    assert not Decision.objects.exists()


def test_a_motion_can_approve_the_draft_minutes_of_an_earlier_meeting(client):
    room = meeting_in_progress()
    earlier = MeetingFactory(
        board=room.board,
        title="Summer meeting",
        starts_at=room.meeting.starts_at - dt.timedelta(days=30),
    )
    minutes = Minutes.objects.create(meeting=earlier, body="What we decided.")
    room.mark(*room.young, *room.professionals)
    client.force_login(room.clerk.person.user)
    url = reverse(
        "governance:motion-propose", args=[room.board.organisation.slug, room.meeting.public_id]
    )
    page = client.get(url)
    assert "Minutes of Summer meeting" in page.content.decode()
    response = client.post(
        url,
        {
            "idempotency_key": str(uuid.uuid4()),
            "agenda_item": "",
            "text": "That the minutes of the summer meeting are right",
            "proposer": str(room.young[0].pk),
            "seconder": str(room.professionals[0].pk),
            "approves_minutes": str(minutes.pk),
        },
    )
    assert response.status_code == 302
    motion = Motion.objects.get(meeting=room.meeting)
    assert motion.approves_minutes == minutes
    client.post(
        _url(room, motion),
        {"votes_for": "4", "votes_against": "0", "abstentions": "0", "what_changes": "Approved."},
    )
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
