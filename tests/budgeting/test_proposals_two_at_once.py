"""Proposals and checks written at the same moment on two real PostgreSQL connections: two new
proposals take two numbers, two costs that each fit but together do not leave one refused,
a check racing the removal of the panel's only young person is refused once it is gone, and a
withdrawal or a reopened check racing the opening of the vote is refused once voting is open.

Each has a single-connection partner below that makes the check miss on purpose (SQLite too),
so the guard is proven where the race cannot be staged."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import IntegrityError

from alongside.accounts.actor import actor_for_person
from alongside.budgeting import selectors_proposals, services
from alongside.budgeting.models import CostLine, PanelMember, Proposal, Round
from alongside.core.errors import Conflict, ValidationFailed
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_proposals as made
from tests.concurrency import needs_postgres, run_concurrently


def _round_and_worker(**settings: Any) -> tuple[Round, Any]:
    organisation = factories.OrganisationFactory()
    return made.ideas_round(organisation, **settings), made.staff(organisation)


def _create(round_: Round, person: Any, title: str) -> Proposal:
    return made.draft(round_, actor_for_person(person), title=title)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_proposals_written_at_once_take_two_numbers() -> None:
    round_, worker = _round_and_worker()
    made.idea(round_)

    first, second = run_concurrently(
        lambda: _create(round_, worker.person, "Benches"),
        lambda: _create(round_, worker.person, "Lights"),
    )

    assert first.ok, first.error
    assert second.ok, second.error
    assert sorted(Proposal.objects.values_list("number", flat=True)) == [1, 2]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_costs_that_fit_alone_but_not_together_leave_one_refused() -> None:
    round_, worker = _round_and_worker(budget_pence=100_000)
    proposal = made.draft(round_, worker)

    def add(item: str) -> CostLine:
        return services.cost_line_add(
            actor=actor_for_person(worker.person),
            proposal=proposal,
            item=item,
            pence=60_000,
            idempotency_key=uuid.uuid4(),
        )

    first, second = run_concurrently(lambda: add("Benches"), lambda: add("Lights"))

    assert first.ok, first.error
    assert isinstance(second.error, ValidationFailed)
    proposal.refresh_from_db()
    assert proposal.cost_pence == 60_000 == sum(proposal.cost_lines.values_list("pence", flat=True))


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_check_racing_the_removal_of_the_only_young_person_is_refused() -> None:
    round_, worker = _round_and_worker()
    youth = made.young(round_.organisation)
    made.on_panel(round_, worker, worker.person, youth.person)
    proposal = made.submitted(round_, worker)
    member = PanelMember.objects.get(person=youth.person)

    first, second = run_concurrently(
        lambda: services.panel_member_remove(actor=actor_for_person(worker.person), member=member),
        lambda: made.check(proposal, actor_for_person(worker.person)),
    )

    assert first.ok, first.error
    assert isinstance(second.error, Conflict)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def _ready_to_vote() -> tuple[Round, Any, Proposal]:
    """A round whose projects are ready for the vote, a worker, and one of its projects."""
    organisation = factories.OrganisationFactory()
    worker = made.staff(organisation)
    round_ = budget_factories.round_(organisation, actor=worker)
    round_ = budget_factories.set_up(round_, actor=worker)
    round_ = budget_factories.move_to(round_, Round.Stage.PROPOSALS, actor=worker)
    proposals = [budget_factories.proposal(round_, n, 100_000) for n in (1, 2, 3)]
    return round_, worker, proposals[0]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_racing_the_opening_of_the_vote_is_refused_once_it_is_open() -> None:
    round_, worker, proposal = _ready_to_vote()
    actor = actor_for_person(worker.person)

    first, second = run_concurrently(
        lambda: services.round_stage_move(actor=actor, round_=round_, to=Round.Stage.VOTING),
        lambda: services.proposal_withdraw(actor=actor, proposal=proposal, reason="Late"),
    )

    assert first.ok, first.error
    assert isinstance(second.error, Conflict)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FEASIBLE


# The same guards on one connection, with the check made to miss --------------------------


@pytest.mark.django_db
def test_a_stale_number_is_caught_by_the_constraint(monkeypatch: pytest.MonkeyPatch) -> None:
    round_, worker = _round_and_worker()
    made.draft(round_, worker)
    # As if the round's lock had not been taken and another proposal had read the same highest
    monkeypatch.setattr(selectors_proposals, "next_number", lambda *, round_: 1)
    with pytest.raises(IntegrityError):
        made.draft(round_, worker, title="Lights")


@pytest.mark.django_db
def test_the_budget_is_checked_against_the_lines_not_a_stale_total(organisation: Any) -> None:
    round_ = made.ideas_round(organisation, budget_pence=100_000)
    worker = made.staff(organisation)
    proposal = made.draft(round_, worker, costs=[60_000])
    # A total read before the first cost was added, as the second of two requests would hold
    Proposal.objects.filter(pk=proposal.pk).update(cost_pence=0)
    with pytest.raises(ValidationFailed, match="£1,200"):
        services.cost_line_add(
            actor=worker,
            proposal=proposal,
            item="Lights",
            pence=60_000,
            idempotency_key=uuid.uuid4(),
        )
    services.cost_line_add(
        actor=worker, proposal=proposal, item="Lights", pence=30_000, idempotency_key=uuid.uuid4()
    )
    proposal.refresh_from_db()
    assert proposal.cost_pence == 90_000


@pytest.mark.django_db
def test_a_withdrawal_reads_the_stage_afresh_not_from_the_page() -> None:
    round_, worker, proposal = _ready_to_vote()
    stale = Proposal.objects.select_related("round").get(pk=proposal.pk)
    # The vote opens after the page read the proposal (and its round, still before voting)
    services.round_stage_move(actor=worker, round_=round_, to=Round.Stage.VOTING)
    assert stale.round.stage == Round.Stage.PROPOSALS
    with pytest.raises(Conflict, match="Voting has opened"):
        services.proposal_withdraw(actor=worker, proposal=stale)
    with pytest.raises(Conflict, match="Voting has opened"):
        services.feasibility_check_reopen(actor=worker, proposal=stale, reason="Late")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FEASIBLE
