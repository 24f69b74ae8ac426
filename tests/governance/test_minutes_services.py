"""Minutes: a first draft made from the record, saving the draft only after the meeting and
only while it is a draft, and publishing only what the next meeting approved."""

from __future__ import annotations

import pytest

from alongside.accounts.roles import Role
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.governance.models import AgendaItem, Minutes
from alongside.governance.selectors_minutes import minutes_first_draft
from alongside.governance.services import minutes as services
from tests import factories
from tests.governance.factories_meetings import meeting_in_progress
from tests.governance.factories_minutes import approve, finished_meeting

pytestmark = pytest.mark.django_db


def test_the_first_draft_says_who_came_who_sent_apologies_the_agenda_and_each_vote():
    finished = finished_meeting()
    room = finished.room
    AgendaItem.objects.create(meeting=room.meeting, position=1, title="Saturday opening")
    text = minutes_first_draft(meeting=room.meeting)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == room.meeting.title
    present = next(p for p in paragraphs if p.startswith("Present: "))
    for person in [room.young[0], room.young[1], *room.professionals]:
        assert person.display_name in present
    assert finished.apologies.display_name not in present
    assert f"Sent apologies: {finished.apologies.display_name}" in paragraphs
    assert "1. Saturday opening" in paragraphs
    assert (
        "That the youth club opens on Saturdays\nCarried: for 2, against 1, abstained 0."
        in paragraphs
    )


def test_a_clerk_saves_a_draft_then_changes_it_and_the_same_text_twice_is_one_change():
    room = finished_meeting().room
    minutes = services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="  First.  ")
    assert (minutes.status, minutes.body) == (Minutes.Status.DRAFT, "First.")
    assert minutes.drafted_by == room.clerk.person
    services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="First.\n\nSecond.")
    services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="First.\n\nSecond.")
    assert Minutes.objects.count() == 1
    assert Minutes.objects.get().body == "First.\n\nSecond."
    assert AuditEvent.objects.filter(action="governance.minutes.draft").count() == 2


def test_minutes_cannot_be_written_before_the_meeting_has_finished():
    room = meeting_in_progress()
    with pytest.raises(ValidationFailed, match="once the meeting has finished"):
        services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Too soon.")
    assert not Minutes.objects.exists()


def test_empty_minutes_are_refused():
    room = finished_meeting().room
    with pytest.raises(ValidationFailed) as refused:
        services.minutes_draft(actor=room.clerk, meeting=room.meeting, body=" \n ")
    assert (refused.value.message, refused.value.field) == ("Enter the minutes.", "body")
    assert not Minutes.objects.exists()


def test_someone_who_does_not_run_meetings_cannot_write_minutes_and_nothing_is_saved():
    room = finished_meeting().room
    young = factories.actor(room.young[0])
    with pytest.raises(NotPermitted):
        services.minutes_draft(actor=young, meeting=room.meeting, body="Mine.")
    assert not Minutes.objects.exists()
    assert not AuditEvent.objects.filter(action="governance.minutes.draft").exists()


def test_approved_minutes_cannot_be_changed():
    room = finished_meeting().room
    minutes = approve(services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Kept."))
    with pytest.raises(ValidationFailed, match="approved by the board, so they cannot be changed"):
        services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Changed.")
    minutes.refresh_from_db()
    assert (minutes.status, minutes.body) == (Minutes.Status.APPROVED, "Kept.")


def test_publishing_a_draft_is_refused_in_plain_words_and_changes_nothing():
    room = finished_meeting().room
    services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Draft.")
    with pytest.raises(ValidationFailed) as refused:
        services.minutes_publish(actor=room.clerk, meeting=room.meeting)
    assert refused.value.message == (
        "These minutes are still a draft. The board must approve them at its next meeting "
        "before they can be published."
    )
    minutes = Minutes.objects.get()
    assert (minutes.status, minutes.published_at) == (Minutes.Status.DRAFT, None)
    assert not AuditEvent.objects.filter(action="governance.minutes.publish").exists()


def test_approved_minutes_are_published_once_however_often_the_button_is_pressed():
    room = finished_meeting().room
    approve(services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Agreed."))
    first = services.minutes_publish(actor=room.clerk, meeting=room.meeting)
    again = services.minutes_publish(actor=room.clerk, meeting=room.meeting)
    assert first.status == Minutes.Status.PUBLISHED
    assert again.published_at == first.published_at
    assert AuditEvent.objects.filter(action="governance.minutes.publish").count() == 1


def test_publishing_minutes_that_were_never_written_is_not_found():
    room = finished_meeting().room
    with pytest.raises(NotFound):
        services.minutes_publish(actor=room.clerk, meeting=room.meeting)


def test_a_councillor_cannot_publish_minutes_and_they_stay_approved():
    room = finished_meeting().room
    approve(services.minutes_draft(actor=room.clerk, meeting=room.meeting, body="Agreed."))
    councillor = factories.actor(
        factories.person_with_role(Role.COUNCILLOR, room.board.organisation)
    )
    with pytest.raises(NotPermitted):
        services.minutes_publish(actor=councillor, meeting=room.meeting)
    assert Minutes.objects.get().status == Minutes.Status.APPROVED
