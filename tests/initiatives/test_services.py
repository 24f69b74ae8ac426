"""Setting up an initiative and moving it through its stages: what is refused, that a refusal
changes nothing, and that every change is in the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.initiatives import selectors, services
from alongside.initiatives.models import CoproductionForm, Initiative, TeamMember
from tests import factories
from tests.accounts.support import assert_names_nobody, events_after, last_sequence
from tests.initiatives import factories as made
from tests.snapshots import changed_tables, rows_snapshot

pytestmark = pytest.mark.django_db


def _actor(organisation, role=Role.WORKER):
    return factories.actor(factories.person_with_role(role, organisation, with_totp=False))


def test_creating_an_initiative_puts_it_in_planning_led_by_its_maker_and_audits_it(organisation):
    # Given a worker
    actor = _actor(organisation)
    mark = last_sequence()
    # When they set up an initiative using two forms of co-production
    initiative = made.initiative(organisation, actor=actor, forms=("co-design", "co-delivery"))
    # Then it is being planned, they lead it, and it uses both forms
    assert initiative.stage == Initiative.Stage.PLANNING
    assert initiative.lead == actor.person
    assert {f.code for f in initiative.forms.all()} == {"co-design", "co-delivery"}
    # And the trail says so
    assert [e.action for e in events_after(mark)] == ["initiatives.initiative.create"]


def test_the_same_form_sent_twice_makes_one_initiative(organisation):
    # Given a worker and the key their form was shown with
    actor = _actor(organisation)
    key = uuid.uuid4()
    forms = CoproductionForm.objects.filter(code="co-design")

    def send():
        return services.initiative_create(
            actor=actor,
            organisation=organisation,
            title="Redesign the drop-in",
            purpose="Make it better.",
            forms=forms,
            idempotency_key=key,
        )

    # When the form is sent twice
    first, second = send(), send()
    # Then there is one initiative and one audit event
    assert first.pk == second.pk
    assert Initiative.objects.count() == 1
    assert AuditEvent.objects.filter(action="initiatives.initiative.create").count() == 1


def test_an_initiative_needs_at_least_one_form_and_a_title(organisation):
    actor = _actor(organisation)
    before = rows_snapshot()
    with pytest.raises(ValidationFailed) as refused:
        made.initiative(organisation, actor=actor, forms=())
    assert refused.value.field == "forms"
    with pytest.raises(ValidationFailed) as refused:
        made.initiative(organisation, actor=actor, title="   ")
    assert refused.value.field == "title"
    assert not changed_tables(before, rows_snapshot())


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.PROVIDER, Role.YOUNG_PERSON])
def test_only_admins_workers_and_commissioners_manage_initiatives(organisation, role):
    # Given someone who may see initiatives but not run them
    actor = _actor(organisation, role)
    before = rows_snapshot()
    # When they try to set one up, they are refused and nothing changes
    with pytest.raises(NotPermitted):
        made.initiative(organisation, actor=actor)
    assert not changed_tables(before, rows_snapshot())


def test_a_commissioner_may_manage_initiatives(organisation):
    made.initiative(organisation, actor=_actor(organisation, Role.COMMISSIONER))


def test_an_initiative_of_another_organisation_is_not_found(organisation, other_organisation):
    initiative = made.initiative(other_organisation)
    actor = _actor(organisation)
    with pytest.raises(NotFound):
        services.initiative_open(actor=actor, organisation=organisation, initiative=initiative)
    with pytest.raises(NotFound):
        selectors.initiative_get(organisation=organisation, public_id=str(initiative.public_id))


def test_opening_is_refused_naming_everything_missing_and_changes_nothing(organisation):
    # Given an initiative with 12 of 13 questions answered and nobody named to decide
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    made.answer_checklist(initiative, actor, leave=1)
    before = rows_snapshot()
    # When a worker tries to open it
    with pytest.raises(ValidationFailed) as refused:
        services.initiative_open(actor=actor, organisation=organisation, initiative=initiative)
    # Then the message names each thing missing
    message = refused.value.message
    assert "12 of 13 answered" in message
    assert "who makes the decision" in message
    assert "what young people can change" in message
    # And nothing changed, not even the audit trail
    assert not changed_tables(before, rows_snapshot())
    initiative.refresh_from_db()
    assert initiative.stage == Initiative.Stage.PLANNING


def test_it_opens_once_the_checklist_is_answered_and_who_decides_is_stated(organisation):
    actor = _actor(organisation)
    initiative = made.ready(organisation, actor=actor)
    mark = last_sequence()
    opened = services.initiative_open(actor=actor, organisation=organisation, initiative=initiative)
    assert opened.stage == Initiative.Stage.OPEN
    assert opened.opened_at is not None
    # Opening it again is not a second event
    services.initiative_open(actor=actor, organisation=organisation, initiative=initiative)
    assert [e.action for e in events_after(mark)] == ["initiatives.initiative.open"]


def test_once_open_who_decides_cannot_be_taken_away(organisation):
    actor = _actor(organisation)
    initiative = made.opened(organisation, actor=actor)
    with pytest.raises(ValidationFailed) as refused:
        services.initiative_decision_set(
            actor=actor,
            organisation=organisation,
            initiative=initiative,
            decision_fed="",
            decision_maker=" ",
            scope_for_influence="Anything",
            how_to_take_part="",
        )
    assert refused.value.field == "decision_maker"


def test_closing_is_refused_until_feedback_is_recorded(organisation):
    # Given an open initiative with no feedback
    actor = _actor(organisation)
    initiative = made.opened(organisation, actor=actor)
    before = rows_snapshot()
    # When it is closed, it is refused and nothing changes
    with pytest.raises(ValidationFailed, match="Record the feedback"):
        services.initiative_close(actor=actor, organisation=organisation, initiative=initiative)
    assert not changed_tables(before, rows_snapshot())
    # When feedback is recorded, it can close
    services.initiative_feedback_record(
        actor=actor, organisation=organisation, initiative=initiative, feedback="You chose A."
    )
    closed = services.initiative_close(
        actor=actor, organisation=organisation, initiative=initiative
    )
    assert closed.stage == Initiative.Stage.CLOSED
    # And a closed initiative's feedback stays as it was
    with pytest.raises(Conflict):
        services.initiative_feedback_record(
            actor=actor, organisation=organisation, initiative=initiative, feedback="Other"
        )


def test_the_database_refuses_a_closed_initiative_without_feedback(organisation):
    initiative = made.opened(organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(stage=Initiative.Stage.CLOSED)


def test_stages_go_forward_only(organisation):
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    args = {"actor": actor, "organisation": organisation, "initiative": initiative}
    # A plan cannot skip to deciding, delivering or closed
    for move in (services.initiative_deciding, services.initiative_delivering):
        with pytest.raises(Conflict):
            move(**args)
    with pytest.raises(Conflict):
        services.initiative_feedback_record(**args, feedback="Too soon")
    made.state_decision(initiative, actor)
    made.answer_checklist(initiative, actor)
    services.initiative_open(**args)
    assert services.initiative_deciding(**args).stage == Initiative.Stage.DECIDING
    assert services.initiative_delivering(**args).stage == Initiative.Stage.DELIVERING
    with pytest.raises(Conflict):
        services.initiative_deciding(**args)


def test_dates_must_end_on_or_after_they_start(organisation):
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    args = {"actor": actor, "organisation": organisation, "initiative": initiative}
    with pytest.raises(ValidationFailed) as refused:
        services.initiative_dates_set(
            **args, starts_on=dt.date(2026, 6, 4), ends_on=dt.date(2026, 6, 3)
        )
    assert refused.value.field == "ends_on"
    services.initiative_dates_set(
        **args, starts_on=dt.date(2026, 6, 4), ends_on=dt.date(2026, 6, 4)
    )


def test_a_checklist_answer_needs_how_and_a_new_answer_replaces_the_last(organisation):
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    question = selectors.checklist_questions()[0]
    args = {"actor": actor, "organisation": organisation, "initiative": initiative}
    with pytest.raises(ValidationFailed) as refused:
        services.checklist_answer_record(**args, question=question, answer=False, how="  ")
    assert refused.value.field == "how"
    services.checklist_answer_record(**args, question=question, answer=False, how="Not yet.")
    services.checklist_answer_record(**args, question=question, answer=True, how="Youth club.")
    answers = selectors.checklist_answers(initiative=initiative)
    assert len(answers) == 1
    assert answers[question.pk].answer is True
    assert AuditEvent.objects.filter(action="initiatives.checklist.answer").count() == 2


def test_the_team_takes_members_of_the_organisation_once_and_the_audit_names_nobody(
    organisation, other_organisation
):
    # Given an initiative, a young person here and one elsewhere
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    young = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Kai Otter")
    stranger = factories.person_with_role(Role.YOUNG_PERSON, other_organisation)
    mark = last_sequence()
    # When the young person joins the team
    member = made.on_team(initiative, young, actor)
    assert member.role_title == "Youth inspector"
    # Then joining again, or someone from elsewhere joining, is refused
    with pytest.raises(Conflict):
        made.on_team(initiative, young, actor)
    with pytest.raises(ValidationFailed) as refused:
        made.on_team(initiative, stranger, actor)
    assert refused.value.field == "person"
    # And a role must be written down
    with pytest.raises(ValidationFailed) as refused:
        services.team_member_add(
            actor=actor,
            organisation=organisation,
            initiative=initiative,
            person=actor.person,
            role_title="Lead",
            role_description=" ",
        )
    assert refused.value.field == "role_description"
    # When they are taken off, the team is empty
    services.team_member_remove(
        actor=actor, organisation=organisation, initiative=initiative, member=member
    )
    assert not TeamMember.objects.exists()
    events = events_after(mark)
    assert [e.action for e in events] == ["initiatives.team.add", "initiatives.team.remove"]
    assert_names_nobody(events, "Kai Otter")


def test_a_low_rung_of_hart_s_ladder_can_be_saved(organisation):
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    args = {"actor": actor, "organisation": organisation, "initiative": initiative}
    saved = services.initiative_ladder_set(
        **args, claimed_rung=2, agenda_set_by="adults", decided_by="adults"
    )
    assert saved.claimed_rung == 2
    with pytest.raises(ValidationFailed):
        services.initiative_ladder_set(
            **args, claimed_rung=9, agenda_set_by="adults", decided_by="adults"
        )
    with pytest.raises(ValidationFailed):
        services.initiative_ladder_set(
            **args, claimed_rung=5, agenda_set_by="nobody", decided_by="adults"
        )


def test_the_task_list_says_which_sections_are_done(organisation):
    actor = _actor(organisation)
    initiative = made.initiative(organisation, actor=actor)
    progress = selectors.setup_progress(initiative=initiative)
    assert {name for name, done in progress.done.items() if done} == {"about", "forms"}
    assert not progress.can_open
    services.initiative_moderation_set(
        actor=actor,
        organisation=organisation,
        initiative=initiative,
        moderate_before_publishing=False,
    )
    made.answer_checklist(initiative, actor)
    initiative = made.state_decision(initiative, actor)
    progress = selectors.setup_progress(initiative=initiative)
    assert progress.done["moderation"]
    assert progress.done["checklist"]
    assert progress.done["decision"]
    assert progress.can_open


def test_the_public_team_shows_staff_names_and_young_people_s_roles_only(organisation):
    actor = _actor(organisation)
    initiative = made.opened(organisation, actor=actor)
    young = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Kai Otter")
    made.on_team(initiative, young, actor)
    made.on_team(initiative, actor.person, actor, role="Lead worker")
    assert selectors.public_team(initiative=initiative) == [
        ("Youth inspector", ""),
        ("Lead worker", actor.person.display_name),
    ]


def test_an_initiative_being_planned_is_not_public(organisation):
    initiative = made.initiative(organisation)
    with pytest.raises(NotFound):
        selectors.initiative_public_get(public_id=str(initiative.public_id))
    assert not selectors.initiatives_public(organisation=organisation).exists()
