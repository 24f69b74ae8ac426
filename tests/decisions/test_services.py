"""Recording a decision: who may, what it may cite, and that a repeat records it once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.decisions import services
from alongside.decisions.models import Citation, Decision
from alongside.notices.models import Notice
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)
from tests.decisions.factories import ContributionFactory, InitiativeFactory, ThemeFactory, in_theme

pytestmark = pytest.mark.django_db


def _record(actor, organisation, **overrides):
    values = {
        "title": "The club opens on Saturdays",
        "what_changed": "From June the club is open 10am to 4pm on Saturdays.",
        "decided_by": "The youth board",
        "forum": "Youth board, May meeting",
        "decided_on": timezone.localdate(),
        "idempotency_key": uuid.uuid4(),
    }
    values.update(overrides)
    return services.decision_record(actor=actor, organisation=organisation, **values)


@pytest.fixture
def organisation():
    return factories.OrganisationFactory(slug="riverside")


@pytest.fixture
def worker(organisation):
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def test_a_worker_records_a_decision_citing_a_contribution_and_its_author_is_told_once(
    organisation, worker, django_capture_on_commit_callbacks
):
    # Given a published idea by a young person, and a theme holding another
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Sam Rivers")
    other = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    initiative = InitiativeFactory(organisation=organisation)
    idea = ContributionFactory(initiative=initiative, author=author)
    theme = ThemeFactory(organisation=organisation)
    in_theme(theme, idea, ContributionFactory(initiative=initiative, author=other))
    mark = last_sequence()
    # When a worker records a decision citing both
    with django_capture_on_commit_callbacks(execute=True):
        decision = _record(
            worker,
            organisation,
            initiative=initiative,
            cites_contributions=[idea],
            cites_themes=[theme],
        )
    # Then it is stored with both citations, audited without names
    assert decision.recorded_by_id == worker.person_id
    assert Citation.objects.filter(decision=decision).count() == 2
    events = events_after(mark)
    assert [e.action for e in events] == ["decisions.decision.record"]
    assert_names_nobody(events, "Sam Rivers")
    assert_trail_intact()
    # And each author is told once (Sam's idea is cited and in the theme: still one notice)
    notices = Notice.objects.filter(kind="decisions.cited")
    assert sorted(n.person_id for n in notices) == sorted([author.pk, other.pk])
    assert {n.url for n in notices} == {f"/decisions/{decision.public_id}/"}
    assert all(n.text == "A decision used what you said" for n in notices)


def test_the_same_key_twice_records_one_decision_and_tells_nobody_twice(
    organisation, worker, django_capture_on_commit_callbacks
):
    # Given a cited idea and a form sent once
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    idea = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), author=author
    )
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = _record(worker, organisation, idempotency_key=key, cites_contributions=[idea])
    # When the same form is sent again
    with django_capture_on_commit_callbacks(execute=True):
        second = _record(worker, organisation, idempotency_key=key, cites_contributions=[idea])
    # Then there is one decision, one citation and one notice
    assert first.pk == second.pk
    assert Decision.objects.count() == 1
    assert Citation.objects.count() == 1
    assert Notice.objects.filter(person=author).count() == 1


def test_a_key_reused_with_other_details_is_refused(organisation, worker):
    key = uuid.uuid4()
    _record(worker, organisation, idempotency_key=key)
    with pytest.raises(Conflict):
        _record(worker, organisation, idempotency_key=key, title="Something else")
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("trait", ["held", "hidden", "withdrawn"])
def test_a_held_hidden_or_withdrawn_contribution_cannot_be_cited_and_nothing_is_saved(
    organisation, worker, trait
):
    # Given one fine idea and one that is not to be used
    initiative = InitiativeFactory(organisation=organisation)
    fine = ContributionFactory(initiative=initiative)
    bad = ContributionFactory(initiative=initiative, **{trait: True})
    mark = last_sequence()
    # When a decision cites both
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, organisation, cites_contributions=[fine, bad])
    # Then it is refused in plain words, and nothing was written
    assert "held, hidden or taken back" in refused.value.message
    assert refused.value.field == "cites_contributions"
    assert not Decision.objects.exists()
    assert not Citation.objects.exists()
    assert events_after(mark) == []


def test_a_contribution_waiting_to_be_checked_can_be_cited(organisation, worker):
    waiting = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), waiting=True
    )
    decision = _record(worker, organisation, cites_contributions=[waiting])
    assert decision.citations.get().contribution == waiting


def test_what_another_organisation_said_cannot_be_cited(organisation, worker):
    elsewhere = factories.OrganisationFactory()
    theirs = ContributionFactory(initiative=InitiativeFactory(organisation=elsewhere))
    their_theme = ThemeFactory(organisation=elsewhere)
    with pytest.raises(ValidationFailed, match="said in this organisation"):
        _record(worker, organisation, cites_contributions=[theirs])
    with pytest.raises(ValidationFailed, match="themes from this organisation"):
        _record(worker, organisation, cites_themes=[their_theme])
    with pytest.raises(ValidationFailed, match="initiative from this organisation"):
        _record(worker, organisation, initiative=InitiativeFactory(organisation=elsewhere))
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    ("subject_type", "subject_id"),
    [
        ("governance.motion", "42"),
        ("budgeting.project", "9f2c"),
        ("commissioning.panel_choice", "7"),
        ("inspections.recommendation", "9cce0380-7258-48cc-a2b5-622e06cca176"),
    ],
)
def test_a_subject_from_any_domain_is_accepted(organisation, worker, subject_type, subject_id):
    decision = _record(worker, organisation, subject_type=subject_type, subject_id=subject_id)
    assert (decision.subject_type, decision.subject_id) == (subject_type, subject_id)


@pytest.mark.parametrize(
    ("subject_type", "subject_id", "field"),
    [
        ("Motion", "1", "subject_type"),
        ("governance.motion.extra", "1", "subject_type"),
        ("governance.motion", "", "subject_id"),
        ("", "12", "subject_type"),
    ],
)
def test_a_subject_not_named_as_app_label_model_is_refused(
    organisation, worker, subject_type, subject_id, field
):
    with pytest.raises(ValidationFailed) as refused:
        _record(worker, organisation, subject_type=subject_type, subject_id=subject_id)
    assert refused.value.field == field
    assert not Decision.objects.exists()


def test_a_decision_in_the_future_is_refused(organisation, worker):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed, match="today or in the past"):
        _record(worker, organisation, decided_on=tomorrow)
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.PROVIDER, Role.YOUNG_PERSON])
def test_only_admins_workers_and_commissioners_record_decisions(organisation, role):
    actor = factories.actor(factories.person_with_role(role, organisation))
    with pytest.raises(NotPermitted):
        _record(actor, organisation)
    assert not Decision.objects.exists()


def test_a_commissioner_records_one(organisation):
    actor = factories.actor(factories.person_with_role(Role.COMMISSIONER, organisation))
    assert _record(actor, organisation).pk


def test_citations_added_later_are_added_once_and_tell_the_author_once(
    organisation, worker, django_capture_on_commit_callbacks
):
    # Given a decision, and an idea and a theme it did not cite at first
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    initiative = InitiativeFactory(organisation=organisation)
    idea = ContributionFactory(initiative=initiative, author=author)
    theme = ThemeFactory(organisation=organisation)
    decision = _record(worker, organisation)
    mark = last_sequence()
    # When a worker adds them, twice
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.decision_cite_add(
                actor=worker,
                organisation=organisation,
                decision=decision,
                contributions=[idea],
                themes=[theme],
            )
    # Then each is cited once, audited once, and the author told once
    assert decision.citations.count() == 2
    assert [e.action for e in events_after(mark)] == ["decisions.decision.cite"]
    assert Notice.objects.filter(person=author).count() == 1


def test_adding_a_hidden_contribution_later_is_refused(organisation, worker):
    decision = _record(worker, organisation)
    hidden = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), hidden=True
    )
    with pytest.raises(ValidationFailed):
        services.decision_cite_add(
            actor=worker, organisation=organisation, decision=decision, contributions=[hidden]
        )
    assert not decision.citations.exists()


def test_the_check_page_sent_again_shows_the_decision_it_recorded(organisation, worker):
    # Given a worker who recorded a decision through the pages
    from django.test import Client
    from django.urls import reverse

    from tests.decisions.matrix import DRAFT

    person = factories.person_with_role(Role.WORKER, organisation)
    client = Client()
    client.force_login(person.user)
    today = timezone.localdate()
    form = {
        "title": "The club opens on Saturdays",
        "what_changed": "It is open 10am to 4pm.",
        "decided_by": "The youth board",
        "forum": "",
        "decided_day": today.day,
        "decided_month": today.month,
        "decided_year": today.year,
        "initiative": "",
        "idempotency_key": str(DRAFT),
    }
    client.post(reverse("decisions:decision-create", args=[organisation.slug]), form)
    check = reverse("decisions:decision-check", args=[organisation.slug, DRAFT])
    first = client.post(check, {})
    # When the check page is sent again (the back button, then the button once more)
    second = client.post(check, {})
    # Then it shows the same decision, recorded once
    assert first["Location"] == second["Location"]
    assert Decision.objects.count() == 1
