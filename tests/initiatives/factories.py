"""Builders for initiatives in tests: made through the services, so the audit trail is real."""

from __future__ import annotations

import datetime as dt
import importlib
import uuid
from typing import Any

from django.apps import apps

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.initiatives import selectors, services
from alongside.initiatives.models import CoproductionForm, Initiative
from tests import factories


def ensure_reference_data() -> None:
    """The eight forms and the checklist questions, which a migration loads. A test on a
    transactional database (the browser tests) empties every table after it, so the next one
    loads them again here."""
    if CoproductionForm.objects.exists():
        return
    loader = importlib.import_module("alongside.initiatives.migrations.0002_forms_and_checklist")
    loader.load(apps, None)


def manager_of(organisation: Organisation) -> Any:
    """An actor who may manage initiatives there (a new worker)."""
    worker = factories.person_with_role(Role.WORKER, organisation, with_totp=False)
    return factories.actor(worker)


def initiative(
    organisation: Organisation,
    *,
    actor: Any = None,
    title: str = "Youth budget 2026",
    forms: tuple[str, ...] = ("co-prioritisation",),
    **kwargs: Any,
) -> Initiative:
    ensure_reference_data()
    actor = actor or manager_of(organisation)
    return services.initiative_create(
        actor=actor,
        organisation=organisation,
        title=title,
        purpose="Decide with young people how £20,000 is spent on youth activities.",
        forms=CoproductionForm.objects.filter(code__in=forms),
        idempotency_key=uuid.uuid4(),
        **kwargs,
    )


def answer_checklist(initiative: Initiative, actor: Any, *, leave: int = 0) -> None:
    """Answer every checklist question (but the last ``leave``)."""
    questions = selectors.checklist_questions()
    for question in questions[: len(questions) - leave]:
        services.checklist_answer_record(
            actor=actor,
            organisation=initiative.organisation,
            initiative=initiative,
            question=question,
            answer=True,
            how="In the youth club on Tuesdays, with a worker to help.",
        )


def state_decision(initiative: Initiative, actor: Any) -> Initiative:
    return services.initiative_decision_set(
        actor=actor,
        organisation=initiative.organisation,
        initiative=initiative,
        decision_fed="How the youth budget is spent",
        decision_maker="The youth service manager",
        scope_for_influence="Which projects get money, up to £20,000 in all.",
        how_to_take_part="Come to the youth club on Tuesdays, or vote online.",
    )


def ready(organisation: Organisation, *, actor: Any = None, **kwargs: Any) -> Initiative:
    """An initiative in planning with everything it needs to open."""
    actor = actor or manager_of(organisation)
    made = initiative(organisation, actor=actor, **kwargs)
    answer_checklist(made, actor)
    return state_decision(made, actor)


def opened(organisation: Organisation, *, actor: Any = None, **kwargs: Any) -> Initiative:
    actor = actor or manager_of(organisation)
    made = ready(organisation, actor=actor, **kwargs)
    services.initiative_dates_set(
        actor=actor,
        organisation=organisation,
        initiative=made,
        starts_on=dt.date(2026, 6, 4),
        ends_on=dt.date(2026, 7, 31),
    )
    return services.initiative_open(actor=actor, organisation=organisation, initiative=made)


def with_feedback(organisation: Organisation, *, actor: Any = None, **kwargs: Any) -> Initiative:
    actor = actor or manager_of(organisation)
    made = opened(organisation, actor=actor, **kwargs)
    return services.initiative_feedback_record(
        actor=actor,
        organisation=organisation,
        initiative=made,
        feedback="You chose three projects; all three got money and start in September.",
    )


def on_team(
    initiative: Initiative, person: Person, actor: Any, role: str = "Youth inspector"
) -> Any:
    return services.team_member_add(
        actor=actor,
        organisation=initiative.organisation,
        initiative=initiative,
        person=person,
        role_title=role,
        role_description="Visits services and says what young people think of them.",
    )
