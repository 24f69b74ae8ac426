"""Reopening a feasibility check recorded by mistake, before voting opens: who may, what it
undoes (the check, the status, the published reason), what the audit trail keeps, and that the
check can then be recorded again, through the service and through the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation
from alongside.budgeting import services
from alongside.budgeting.models import FeasibilityCheck, Proposal, Round
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests.budgeting import factories_proposals as made

pytestmark = pytest.mark.django_db

Status = Proposal.Status


def _turned_down(organisation: Organisation) -> tuple[Any, Any, Proposal]:
    """A worker running the round, a young person on the panel, and a project the young
    person recorded as not going forward."""
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    proposal = made.submitted(round_, worker)
    return worker, youth, made.check(proposal, youth, ok=False, reason="Not what it is for")


def _fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_related("round").get(pk=proposal.pk)


def _at(round_: Round, stage: str) -> None:
    Round.objects.filter(pk=round_.pk).update(stage=stage)


# The service ------------------------------------------------------------------------------


def test_a_panel_member_reopens_a_check_and_it_can_be_recorded_again(
    organisation: Organisation,
) -> None:
    _worker, youth, proposal = _turned_down(organisation)

    reopened = services.feasibility_check_reopen(
        actor=youth, proposal=proposal, reason="I pressed no by mistake"
    )

    assert reopened.status == Status.SUBMITTED
    assert _fresh(proposal).not_feasible_reason == ""
    assert not FeasibilityCheck.objects.exists()
    event = AuditEvent.objects.get(action="budgeting.proposal.check_reopen")
    assert event.actor_id == youth.person_id
    assert event.data["was"] == "not_feasible"
    assert event.data["reason"] == "I pressed no by mistake"
    assert (event.data["legal"], event.data["costed"], event.data["in_scope"]) == (
        True,
        True,
        False,
    )
    assert event.data["checked_by"] == youth.person_id
    assert made.check(_fresh(proposal), youth).status == Status.FEASIBLE


def test_staff_who_run_the_round_reopen_one_going_forward_without_sitting_on_the_panel(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    proposal = made.check(made.submitted(round_, worker), youth)
    manager = made.staff(organisation)

    services.feasibility_check_reopen(actor=manager, proposal=proposal, reason="Costs were wrong")

    assert _fresh(proposal).status == Status.SUBMITTED
    assert AuditEvent.objects.get(action="budgeting.proposal.check_reopen").data["was"] == (
        "feasible"
    )


def test_a_young_person_off_the_panel_or_one_with_an_interest_cannot_reopen(
    organisation: Organisation,
) -> None:
    worker, _youth, proposal = _turned_down(organisation)
    outsider = made.young(organisation)
    with pytest.raises(NotPermitted, match="Only members"):
        services.feasibility_check_reopen(actor=outsider, proposal=proposal, reason="Because")
    interested = made.young(organisation)
    made.on_panel(proposal.round, worker, interested.person)
    services.conflict_declare(actor=interested, proposal=proposal, interest="My club leads it")
    with pytest.raises(NotPermitted, match="declared an interest"):
        services.feasibility_check_reopen(actor=interested, proposal=proposal, reason="Because")
    assert _fresh(proposal).status == Status.NOT_FEASIBLE
    assert FeasibilityCheck.objects.count() == 1


@pytest.mark.parametrize("stage", [Round.Stage.VOTING, Round.Stage.COUNTING, Round.Stage.RESULTS])
def test_once_voting_opens_a_check_stands(organisation: Organisation, stage: str) -> None:
    worker, _youth, proposal = _turned_down(organisation)
    _at(proposal.round, stage)
    with pytest.raises(Conflict, match="Voting has opened"):
        services.feasibility_check_reopen(actor=worker, proposal=_fresh(proposal), reason="Late")
    assert _fresh(proposal).not_feasible_reason == "Not what it is for"


def test_reopened_when_the_projects_are_ready_it_is_checked_again_and_holds_up_the_vote(
    organisation: Organisation,
) -> None:
    _worker, youth, proposal = _turned_down(organisation)
    _at(proposal.round, Round.Stage.PROPOSALS)
    services.feasibility_check_reopen(actor=youth, proposal=_fresh(proposal), reason="Mistake")
    round_ = Round.objects.get(pk=proposal.round_id)
    assert "1 project is waiting for the feasibility panel. Check them first." in (
        services.missing_before(round_, Round.Stage.VOTING)
    )
    assert made.check(_fresh(proposal), youth).status == Status.FEASIBLE
    assert not any("waiting" in m for m in services.missing_before(round_, Round.Stage.VOTING))


def test_a_reason_is_needed_and_limited(organisation: Organisation) -> None:
    worker, _youth, proposal = _turned_down(organisation)
    with pytest.raises(ValidationFailed, match="Say why"):
        services.feasibility_check_reopen(actor=worker, proposal=proposal, reason="  ")
    with pytest.raises(ValidationFailed, match="500 characters or fewer"):
        services.feasibility_check_reopen(actor=worker, proposal=proposal, reason="x" * 501)
    with pytest.raises(ValidationFailed, match="hidden character"):
        services.feasibility_check_reopen(actor=worker, proposal=proposal, reason="Oops\x00")
    assert _fresh(proposal).status == Status.NOT_FEASIBLE


def test_reopened_twice_it_is_reopened_once(organisation: Organisation) -> None:
    worker, youth, proposal = _turned_down(organisation)
    services.feasibility_check_reopen(actor=youth, proposal=proposal, reason="Mistake")
    again = services.feasibility_check_reopen(actor=worker, proposal=proposal, reason="Again")
    assert again.status == Status.SUBMITTED
    assert AuditEvent.objects.filter(action="budgeting.proposal.check_reopen").count() == 1


def test_there_is_nothing_to_reopen_on_a_draft_or_a_withdrawn_project(
    organisation: Organisation,
) -> None:
    worker, youth, proposal = _turned_down(organisation)
    draft = made.draft(proposal.round, worker)
    with pytest.raises(Conflict, match="has not been checked"):
        services.feasibility_check_reopen(actor=worker, proposal=draft, reason="Why not")
    forward = made.check(made.submitted(proposal.round, worker), youth)
    services.proposal_withdraw(actor=worker, proposal=forward)
    with pytest.raises(Conflict, match="withdrawn"):
        services.feasibility_check_reopen(actor=worker, proposal=_fresh(forward), reason="Hm")


# The pages --------------------------------------------------------------------------------


def _on(name: str, proposal: Proposal) -> str:
    round_ = proposal.round
    return reverse(
        f"budgeting:{name}",
        args=[round_.organisation.slug, round_.public_id, proposal.public_id],
    )


def _text(response: Any) -> str:
    return response.content.decode()


def test_a_panel_member_reopens_from_the_project_and_the_published_reason_goes(
    organisation: Organisation, client_for: Any, client: Client
) -> None:
    _worker, youth, proposal = _turned_down(organisation)
    public = reverse("budgeting:round-proposals", args=[proposal.round.public_id])
    assert "Not what it is for" in _text(client.get(public, {"list": "not-going-forward"}))
    member: Client = client_for(youth.person)
    assert _on("proposal-check-reopen", proposal) in _text(
        member.get(_on("proposal-detail", proposal))
    )
    page = _text(member.get(_on("proposal-check-reopen", proposal)))
    assert "Not what it is for" in page
    assert "taken off the projects page" in page

    empty = member.post(_on("proposal-check-reopen", proposal), {"reason": ""})
    assert "govuk-error-summary" in _text(empty)
    assert "Say why the check is being reopened" in _text(empty)
    assert _fresh(proposal).status == Status.NOT_FEASIBLE

    sent = member.post(_on("proposal-check-reopen", proposal), {"reason": "Wrong answer"})
    assert sent.status_code == 302
    assert "is waiting for the panel again" in _text(member.get(sent["Location"]))
    assert "Not what it is for" not in _text(client.get(public, {"list": "not-going-forward"}))
    # Sent again, it goes back to the project
    assert member.post(_on("proposal-check-reopen", proposal), {"reason": "x"}).status_code == 302
    assert AuditEvent.objects.filter(action="budgeting.proposal.check_reopen").count() == 1


def test_after_voting_opens_the_page_says_the_check_stands(
    organisation: Organisation, client_for: Any
) -> None:
    worker, _youth, proposal = _turned_down(organisation)
    _at(proposal.round, Round.Stage.VOTING)
    client = client_for(worker.person)
    assert _on("proposal-check-reopen", proposal) not in _text(
        client.get(_on("proposal-detail", proposal))
    )
    page = _text(client.get(_on("proposal-check-reopen", proposal)))
    assert "This check cannot be reopened" in page
    assert "Voting has opened, so a check cannot be reopened now." in page


def test_a_young_person_off_the_panel_is_refused_the_page(
    organisation: Organisation, client_for: Any
) -> None:
    _worker, _youth, proposal = _turned_down(organisation)
    outsider = client_for(made.young(organisation).person)
    assert outsider.get(_on("proposal-check-reopen", proposal)).status_code == 403
    assert outsider.post(_on("proposal-check-reopen", proposal), {"reason": "x"}).status_code == (
        403
    )
    assert _fresh(proposal).status == Status.NOT_FEASIBLE
