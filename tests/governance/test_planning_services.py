"""Planning meetings through the services: plan, change, cancel; the agenda; papers."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.audit import AuditEvent
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.governance.models import AgendaItem, Meeting, Motion, Paper
from alongside.governance.services import agenda, attendance, papers, planning
from tests import factories
from tests.decisions.factories import InitiativeFactory, ThemeFactory
from tests.governance.factories import MeetingFactory
from tests.governance.factories_planning import PaperFactory, agenda_item, planned_meeting

pytestmark = pytest.mark.django_db

NEXT_WEEK = timezone.now() + dt.timedelta(days=7)


def _plan(plan, **overrides):
    fields = {
        "actor": plan.clerk,
        "board": plan.board,
        "title": "June meeting",
        "starts_at": NEXT_WEEK,
        "location": "Town hall, room 2",
        "is_public": False,
        "idempotency_key": uuid.uuid4(),
    } | overrides
    return planning.meeting_plan(**fields)


def _audits(action):
    return AuditEvent.objects.filter(action=action).count()


def _positions(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", "position")
    )


# Planning, changing and cancelling a meeting


def test_meeting_plan_is_once_per_key_and_audited():
    plan = planned_meeting()
    key = uuid.uuid4()
    first = _plan(plan, idempotency_key=key, is_public=True)
    again = _plan(plan, idempotency_key=key, is_public=True)
    assert first.pk == again.pk
    assert Meeting.objects.filter(board=plan.board, title="June meeting").count() == 1
    assert _audits("governance.meeting.plan") == 1
    assert first.status == Meeting.Status.SCHEDULED
    assert first.is_public
    assert first.created_by == plan.clerk.person


def test_the_same_key_with_other_details_is_refused():
    plan = planned_meeting()
    key = uuid.uuid4()
    _plan(plan, idempotency_key=key)
    with pytest.raises(Conflict):
        _plan(plan, idempotency_key=key, title="Another meeting")


def test_meeting_plan_refuses_a_young_person_a_closed_board_and_the_past():
    plan = planned_meeting()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, plan.board.organisation))
    before = Meeting.objects.count()
    with pytest.raises(NotPermitted):
        _plan(plan, actor=young)
    with pytest.raises(ValidationFailed) as past:
        _plan(plan, starts_at=timezone.now() - dt.timedelta(minutes=1))
    assert past.value.field == "starts_on"
    with pytest.raises(ValidationFailed) as blank:
        _plan(plan, title="  ")
    assert blank.value.field == "title"
    with pytest.raises(ValidationFailed) as nowhere:
        _plan(plan, location="")
    assert nowhere.value.field == "location"
    plan.board.closed_at = timezone.now()
    plan.board.save()
    with pytest.raises(ValidationFailed, match="closed"):
        _plan(plan)
    assert Meeting.objects.count() == before
    assert _audits("governance.meeting.plan") == 0


def test_meeting_change_keeps_the_old_details_in_the_audit_trail():
    plan = planned_meeting()
    later = NEXT_WEEK + dt.timedelta(days=1)
    meeting = planning.meeting_change(
        actor=plan.clerk,
        meeting=plan.meeting,
        title="July meeting",
        starts_at=later,
        location="Online",
        is_public=True,
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.starts_at, meeting.location) == ("July meeting", later, "Online")
    assert meeting.is_public
    event = AuditEvent.objects.get(action="governance.meeting.update")
    assert event.data["old"]["location"] == "Riverside Youth Centre, upstairs room"
    assert event.data["new"]["location"] == "Online"


def test_a_meeting_that_has_started_cannot_be_changed_or_cancelled():
    plan = planned_meeting()
    attendance.meeting_open(actor=plan.clerk, meeting=plan.meeting)
    with pytest.raises(ValidationFailed, match="started"):
        planning.meeting_change(
            actor=plan.clerk,
            meeting=plan.meeting,
            title="Changed",
            starts_at=NEXT_WEEK,
            location="Online",
            is_public=False,
        )
    with pytest.raises(ValidationFailed, match="has started, so it cannot be cancelled"):
        planning.meeting_cancel(actor=plan.clerk, meeting=plan.meeting)
    plan.meeting.refresh_from_db()
    assert plan.meeting.status == Meeting.Status.IN_PROGRESS
    assert plan.meeting.title != "Changed"
    assert _audits("governance.meeting.cancel") == 0


def test_meeting_cancel_is_audited_once_and_refused_to_a_young_person():
    plan = planned_meeting()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, plan.board.organisation))
    with pytest.raises(NotPermitted):
        planning.meeting_cancel(actor=young, meeting=plan.meeting)
    for _ in range(2):
        meeting = planning.meeting_cancel(actor=plan.clerk, meeting=plan.meeting)
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.opened_at is None
    assert _audits("governance.meeting.cancel") == 1
    with pytest.raises(ValidationFailed, match="cancelled"):
        planning.meeting_change(
            actor=plan.clerk,
            meeting=meeting,
            title="Back on",
            starts_at=NEXT_WEEK,
            location="Online",
            is_public=False,
        )


# The agenda


def _add(plan, title, **overrides):
    fields = {
        "actor": plan.clerk,
        "meeting": plan.meeting,
        "title": title,
        "plain_summary": "In plain words.",
        "idempotency_key": uuid.uuid4(),
    } | overrides
    return agenda.agenda_item_add(**fields)


def test_agenda_items_go_at_the_end_once_per_key_with_their_links():
    plan = planned_meeting()
    organisation = plan.board.organisation
    theme = ThemeFactory(organisation=organisation)
    initiative = InitiativeFactory(organisation=organisation)
    paper = PaperFactory(meeting=plan.meeting)
    key = uuid.uuid4()
    _add(plan, "Welcome")
    for _ in range(2):
        item = _add(
            plan, "Saturdays", theme=theme, initiative=initiative, paper=paper, idempotency_key=key
        )
    assert _positions(plan.meeting) == [("Welcome", 1), ("Saturdays", 2)]
    assert (item.theme, item.initiative, item.paper) == (theme, initiative, paper)
    assert _audits("governance.agenda.change") == 2


def test_an_agenda_item_cannot_point_at_another_organisations_theme_or_meetings_paper():
    plan = planned_meeting()
    with pytest.raises(ValidationFailed) as theme:
        _add(plan, "Item", theme=ThemeFactory())
    assert theme.value.field == "theme"
    with pytest.raises(ValidationFailed) as initiative:
        _add(plan, "Item", initiative=InitiativeFactory())
    assert initiative.value.field == "initiative"
    with pytest.raises(ValidationFailed) as paper:
        _add(plan, "Item", paper=PaperFactory())
    assert paper.value.field == "paper"
    with pytest.raises(ValidationFailed) as title:
        _add(plan, " ")
    assert title.value.field == "title"
    assert not AgendaItem.objects.filter(meeting=plan.meeting).exists()


def test_the_agenda_of_a_finished_or_cancelled_meeting_cannot_change():
    plan = planned_meeting()
    item = agenda_item(plan.meeting, 1)
    planning.meeting_cancel(actor=plan.clerk, meeting=plan.meeting)
    with pytest.raises(ValidationFailed, match="cancelled"):
        _add(plan, "Late item")
    with pytest.raises(ValidationFailed, match="cancelled"):
        agenda.agenda_item_remove(actor=plan.clerk, item=item)
    finished = MeetingFactory(
        board=plan.board,
        status=Meeting.Status.CLOSED,
        opened_at=timezone.now(),
        closed_at=timezone.now(),
    )
    with pytest.raises(ValidationFailed, match="finished"):
        _add(plan, "Late item", meeting=finished)
    assert _positions(plan.meeting) == [("Item 1", 1)]


def test_an_agenda_item_can_be_added_while_the_meeting_is_happening():
    plan = planned_meeting()
    attendance.meeting_open(actor=plan.clerk, meeting=plan.meeting)
    _add(plan, "Any other business")
    assert _positions(plan.meeting) == [("Any other business", 1)]


def test_agenda_item_change_rewrites_it_and_refuses_a_young_person():
    plan = planned_meeting()
    item = agenda_item(plan.meeting, 1)
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, plan.board.organisation))
    with pytest.raises(NotPermitted):
        agenda.agenda_item_change(actor=young, item=item, title="Mine")
    changed = agenda.agenda_item_change(
        actor=plan.clerk, item=item, title="Saturdays", plain_summary="About Saturdays."
    )
    changed.refresh_from_db()
    assert (changed.title, changed.plain_summary) == ("Saturdays", "About Saturdays.")


def test_moving_items_swaps_them_and_the_ends_stay_put():
    plan = planned_meeting()
    first, second, third = (agenda_item(plan.meeting, n, t) for n, t in enumerate("ABC", 1))
    agenda.agenda_item_move(actor=plan.clerk, item=third, direction="up")
    assert _positions(plan.meeting) == [("A", 1), ("C", 2), ("B", 3)]
    agenda.agenda_item_move(actor=plan.clerk, item=first, direction="down")
    assert _positions(plan.meeting) == [("C", 1), ("A", 2), ("B", 3)]
    agenda.agenda_item_move(actor=plan.clerk, item=third, direction="up")
    agenda.agenda_item_move(actor=plan.clerk, item=second, direction="down")
    assert _positions(plan.meeting) == [("C", 1), ("A", 2), ("B", 3)]
    with pytest.raises(ValidationFailed):
        agenda.agenda_item_move(actor=plan.clerk, item=first, direction="sideways")


def test_moving_works_across_gaps_in_the_positions():
    plan = planned_meeting()
    agenda_item(plan.meeting, 2, "A")
    late = agenda_item(plan.meeting, 7, "B")
    agenda.agenda_item_move(actor=plan.clerk, item=late, direction="up")
    assert _positions(plan.meeting) == [("B", 2), ("A", 7)]


def test_removing_an_item_moves_the_later_ones_up_one_place():
    plan = planned_meeting()
    items = [agenda_item(plan.meeting, n, t) for n, t in enumerate("ABCD", 1)]
    agenda.agenda_item_remove(actor=plan.clerk, item=items[1])
    assert _positions(plan.meeting) == [("A", 1), ("C", 2), ("D", 3)]
    _add(plan, "E")
    assert _positions(plan.meeting)[-1] == ("E", 4)
    event = AuditEvent.objects.filter(action="governance.agenda.change").order_by("pk").first()
    assert event is not None
    assert event.data["what"] == "removed"


def test_an_item_a_motion_was_made_on_stays_on_the_agenda():
    plan = planned_meeting()
    item = agenda_item(plan.meeting, 1)
    Motion.objects.create(
        meeting=plan.meeting, agenda_item=item, text="That", idempotency_key=uuid.uuid4()
    )
    with pytest.raises(ValidationFailed, match="motion"):
        agenda.agenda_item_remove(actor=plan.clerk, item=item)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


# Papers


def _paper(plan, **overrides):
    fields = {
        "actor": plan.clerk,
        "meeting": plan.meeting,
        "title": "Saturday opening",
        "body": "First paragraph.\r\n\r\nSecond paragraph.",
        "plain_words": "Should the club open on Saturdays?",
        "idempotency_key": uuid.uuid4(),
    } | overrides
    return papers.paper_add(**fields)


def test_paper_add_is_once_per_key_and_keeps_paragraphs():
    plan = planned_meeting()
    key = uuid.uuid4()
    for _ in range(2):
        paper = _paper(plan, idempotency_key=key)
    assert Paper.objects.filter(meeting=plan.meeting).count() == 1
    assert paper.body == "First paragraph.\n\nSecond paragraph."
    assert paper.written_by == plan.clerk.person
    assert _audits("governance.paper.add") == 1


def test_paper_add_refuses_missing_words_a_young_person_and_a_cancelled_meeting():
    plan = planned_meeting()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, plan.board.organisation))
    with pytest.raises(NotPermitted):
        _paper(plan, actor=young)
    for field in ("title", "body", "plain_words"):
        with pytest.raises(ValidationFailed) as error:
            _paper(plan, **{field: "  "})
        assert error.value.field == field
    planning.meeting_cancel(actor=plan.clerk, meeting=plan.meeting)
    with pytest.raises(ValidationFailed, match="cancelled"):
        _paper(plan)
    assert not Paper.objects.exists()
    assert _audits("governance.paper.add") == 0


def test_paper_change_is_audited_with_the_old_title():
    plan = planned_meeting()
    paper = _paper(plan)
    papers.paper_change(
        actor=plan.clerk, paper=paper, title="New title", body="Body.", plain_words="Plain."
    )
    paper.refresh_from_db()
    assert (paper.title, paper.body, paper.plain_words) == ("New title", "Body.", "Plain.")
    event = AuditEvent.objects.get(action="governance.paper.change")
    assert event.data["old_title"] == "Saturday opening"
    assert event.data["published"] is False


def test_papers_publish_once_needs_a_paper_and_is_refused_to_a_young_person():
    plan = planned_meeting()
    with pytest.raises(ValidationFailed, match="Add a paper"):
        papers.papers_publish(actor=plan.clerk, meeting=plan.meeting)
    _paper(plan)
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, plan.board.organisation))
    with pytest.raises(NotPermitted):
        papers.papers_publish(actor=young, meeting=plan.meeting)
    first = papers.papers_publish(actor=plan.clerk, meeting=plan.meeting).papers_published_at
    again = papers.papers_publish(actor=plan.clerk, meeting=plan.meeting).papers_published_at
    assert first is not None
    assert first == again
    assert _audits("governance.papers.publish") == 1


def test_a_paper_added_after_publishing_is_published_at_once():
    plan = planned_meeting()
    _paper(plan)
    papers.papers_publish(actor=plan.clerk, meeting=plan.meeting)
    _paper(plan, title="Late paper")
    event = AuditEvent.objects.filter(action="governance.paper.add").order_by("-pk").first()
    assert event is not None
    assert event.data["published"] is True
