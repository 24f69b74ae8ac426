"""Delivering funded projects: only what a published result funded, each step once, spending
shown against the award, and a project finished only when its steps are done."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Milestone, Proposal, Round
from alongside.core.errors import Conflict, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db


def manager(organisation: Organisation) -> object:
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def funded(organisation: Organisation, number: int = 1) -> Proposal:
    round_ = budget_factories.published_round(organisation)
    return Proposal.objects.get(round=round_, number=number)


def test_a_step_is_added_once_however_often_the_form_is_sent(organisation: Organisation) -> None:
    proposal, actor, key = funded(organisation), manager(organisation), uuid.uuid4()
    for _ in range(2):
        services.milestone_add(
            actor=actor,
            proposal=proposal,
            description="Order the benches",
            due_on=None,
            spent_pence=12_000,
            idempotency_key=key,
        )
    assert Milestone.objects.filter(proposal=proposal).count() == 1


def test_a_project_the_result_did_not_fund_cannot_be_delivered(organisation: Organisation) -> None:
    unfunded = funded(organisation, number=3)
    with pytest.raises(NotFound, match="not funded"):
        services.milestone_add(
            actor=manager(organisation),
            proposal=unfunded,
            description="Order the benches",
            due_on=None,
            spent_pence=0,
            idempotency_key=uuid.uuid4(),
        )


def test_adding_a_step_checks_the_funding_without_reading_the_project_again(
    organisation: Organisation,
) -> None:
    proposal, actor = funded(organisation), manager(organisation)
    proposal.round  # noqa: B018 (loaded, as the view has it)
    with CaptureQueriesContext(connection) as queries:
        services.milestone_add(
            actor=actor,
            proposal=proposal,
            description="Order the benches",
            due_on=None,
            spent_pence=0,
            idempotency_key=uuid.uuid4(),
        )
    table = connection.ops.quote_name(Proposal._meta.db_table)
    assert not [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and f"FROM {table}" in q["sql"]
    ]
    assert Milestone.objects.filter(proposal=proposal).count() == 1


def test_nothing_is_delivered_before_the_results_are_published(organisation: Organisation) -> None:
    proposal = funded(organisation)
    Round.objects.filter(pk=proposal.round_id).update(stage=Round.Stage.COUNTING)
    proposal.refresh_from_db()
    with pytest.raises(Conflict, match="results are published"):
        services.milestone_add(
            actor=manager(organisation),
            proposal=proposal,
            description="Order the benches",
            due_on=None,
            spent_pence=0,
            idempotency_key=uuid.uuid4(),
        )


def test_a_young_person_cannot_record_delivery(organisation: Organisation) -> None:
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        services.milestone_add(
            actor=young,
            proposal=funded(organisation),
            description="Order the benches",
            due_on=None,
            spent_pence=0,
            idempotency_key=uuid.uuid4(),
        )


def test_a_project_is_finished_only_when_every_step_is_done(organisation: Organisation) -> None:
    proposal, actor = funded(organisation), manager(organisation)
    step = services.milestone_add(
        actor=actor,
        proposal=proposal,
        description="Order the benches",
        due_on=None,
        spent_pence=0,
        idempotency_key=uuid.uuid4(),
    )
    today = timezone.localdate()
    with pytest.raises(Conflict, match="every step done"):
        services.project_delivered(actor=actor, proposal=proposal, delivered_on=today)
    services.milestone_done(actor=actor, milestone=step, done_on=today, spent_pence=950_000)
    finished = services.project_delivered(actor=actor, proposal=proposal, delivered_on=today)
    assert finished.delivered_on == today


def test_staff_record_a_step_through_the_pages(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    proposal = funded(organisation)
    client: Client = client_for(worker)  # type: ignore[operator]
    args = [organisation.slug, proposal.round.public_id, proposal.number]
    response = client.post(
        reverse("budgeting:milestone-add", args=args),
        {
            "description": "Order the benches",
            "due_on_day": "4",
            "due_on_month": "6",
            "due_on_year": "2027",
            "spent": "£120.50",
            "key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    step = Milestone.objects.get(proposal=proposal)
    assert (step.due_on, step.spent_pence) == (dt.date(2027, 6, 4), 12_050)
    page = client.get(reverse("budgeting:delivery-project", args=args))
    assert "Order the benches" in page.content.decode()
    assert "£120.50" in page.content.decode()


def test_a_step_without_words_is_refused_in_plain_words(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    proposal = funded(organisation)
    client: Client = client_for(worker)  # type: ignore[operator]
    args = [organisation.slug, proposal.round.public_id, proposal.number]
    response = client.post(reverse("budgeting:milestone-add", args=args), {"spent": "ten"})
    text = response.content.decode()
    assert "Say what this step is" in text
    assert "Enter an amount in pounds and pence" in text
    assert not Milestone.objects.exists()


def test_the_public_page_shows_funded_projects_only_once_results_are_public(
    organisation: Organisation,
) -> None:
    proposal = funded(organisation)
    url = reverse("budgeting:round-delivery", args=[proposal.round.public_id])
    assert proposal.title in Client().get(url).content.decode()
    Round.objects.filter(pk=proposal.round_id).update(published_at=None)
    assert Client().get(url).status_code == 404


# Moving the round on: from its results to delivering, then closed ---------------------------


def _round_url(name: str, round_: Round) -> str:
    return reverse(f"budgeting:{name}", args=[round_.organisation.slug, round_.public_id])


def test_once_the_results_are_out_the_round_and_delivery_pages_offer_to_start_delivering(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    round_ = budget_factories.published_round(organisation)
    client: Client = client_for(worker)  # type: ignore[operator]
    start = _round_url("round-deliver", round_)
    for page in ("round-detail", "delivery-list"):
        text = client.get(_round_url(page, round_)).content.decode()
        assert "Start delivering the funded projects" in text
        assert start in text
        assert _round_url("round-finish", round_) not in text


def test_a_councillor_sees_delivery_but_is_not_offered_to_move_the_round_on(
    organisation: Organisation, client_for: object, person_with_role: object
) -> None:
    round_ = budget_factories.published_round(organisation)
    councillor = person_with_role(Role.COUNCILLOR)  # type: ignore[operator]
    client: Client = client_for(councillor)  # type: ignore[operator]
    text = client.get(_round_url("delivery-list", round_)).content.decode()
    assert _round_url("round-deliver", round_) not in text


def test_starting_delivery_from_its_confirm_page_moves_the_round_on_once(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    round_ = budget_factories.published_round(organisation)
    client: Client = client_for(worker)  # type: ignore[operator]
    confirm = client.get(_round_url("round-deliver", round_)).content.decode()
    assert "Start delivering the funded projects" in confirm
    assert "The results stay public as they are." in confirm

    for _ in range(2):  # pressed twice: moved once
        response = client.post(_round_url("round-deliver", round_))
        assert response.status_code == 302
        assert response["Location"] == _round_url("delivery-list", round_)

    round_.refresh_from_db()
    assert round_.stage == Round.Stage.DELIVERY
    assert AuditEvent.objects.filter(action="budgeting.round.deliver").count() == 1
    text = client.get(_round_url("delivery-list", round_)).content.decode()
    assert "The round is now delivering its funded projects." in text
    assert _round_url("round-finish", round_) in text
    assert (
        _round_url("round-finish", round_)
        in client.get(_round_url("round-detail", round_)).content.decode()
    )


def test_closing_the_round_names_the_projects_not_finished_then_closes_it(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    round_ = budget_factories.published_round(organisation)
    services.round_deliver(actor=manager(organisation), round_=round_)
    Proposal.objects.filter(round=round_, number=1).update(title="Skate ramp")
    Proposal.objects.filter(round=round_, number=2).update(
        title="Music studio", delivered_on=timezone.localdate()
    )
    client: Client = client_for(worker)  # type: ignore[operator]

    confirm = client.get(_round_url("round-finish", round_)).content.decode()
    assert "1 funded project is not marked finished" in confirm
    assert "stays on the public delivery page as not finished" in confirm
    assert "Skate ramp" in confirm
    assert "Music studio" not in confirm  # finished: nothing to warn of

    response = client.post(_round_url("round-finish", round_))
    assert response.status_code == 302
    assert response["Location"] == _round_url("round-detail", round_)
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.CLOSED
    assert AuditEvent.objects.filter(action="budgeting.round.finish").count() == 1
    detail = client.get(_round_url("round-detail", round_)).content.decode()
    assert "The round is closed." in detail
    assert "Move it on" not in detail
    assert (
        "This round is closed." in client.get(_round_url("delivery-list", round_)).content.decode()
    )
    public = client.get(reverse("budgeting:round-delivery", args=[round_.public_id]))
    assert "Skate ramp" in public.content.decode()


def test_a_round_still_showing_its_results_cannot_be_closed_and_the_page_says_why(
    organisation: Organisation, client_for: object, worker: Person
) -> None:
    round_ = budget_factories.published_round(organisation)
    client: Client = client_for(worker)  # type: ignore[operator]
    response = client.post(_round_url("round-finish", round_))
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "cannot move to “Closed” yet" in text
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.RESULTS
    assert not AuditEvent.objects.filter(action="budgeting.round.finish").exists()


def test_a_step_recorded_after_the_round_closed_elsewhere_is_refused(
    organisation: Organisation,
) -> None:
    # Given a funded project on a page opened while the round was delivering
    proposal, actor = funded(organisation), manager(organisation)
    services.round_deliver(actor=actor, round_=proposal.round)
    proposal.round.refresh_from_db()
    # When the round is closed in another tab, then a step is sent from the open page
    Round.objects.filter(pk=proposal.round_id).update(stage=Round.Stage.CLOSED)
    # Then the service reads the round as it is now, not the page's copy, and refuses
    assert proposal.round.stage == Round.Stage.DELIVERY
    with pytest.raises(Conflict, match="until the round closes"):
        services.milestone_add(
            actor=actor,
            proposal=proposal,
            description="Order the benches",
            due_on=None,
            spent_pence=0,
            idempotency_key=uuid.uuid4(),
        )
    assert not Milestone.objects.filter(proposal=proposal).exists()
