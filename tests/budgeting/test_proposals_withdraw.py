"""Withdrawing a proposal before voting opens: who may, until when, what it leaves (off the
ballot, never changed again, "Withdrawn" with its reason for staff and on the public projects
page), through the service and through the pages."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import selectors, services
from alongside.budgeting.models import Proposal, Round
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories_proposals as made

pytestmark = pytest.mark.django_db

Status = Proposal.Status


def _forward(organisation: Organisation) -> tuple[Any, Any, Proposal]:
    """A worker, a young person on the panel who leads a project, and the project going
    forward to the vote."""
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, worker.person, youth.person)
    proposal = made.submitted(round_, youth)
    return worker, youth, made.check(proposal, worker)


def _at(round_: Round, stage: str) -> None:
    Round.objects.filter(pk=round_.pk).update(stage=stage)


def _fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_related("round").get(pk=proposal.pk)


# The service ------------------------------------------------------------------------------


def test_its_lead_withdraws_it_and_it_leaves_the_ballot_with_the_reason_published(
    organisation: Organisation,
) -> None:
    _worker, youth, proposal = _forward(organisation)
    assert list(selectors.on_ballot(round_=proposal.round, area=None)) == [proposal]

    withdrawn = services.proposal_withdraw(
        actor=youth, proposal=proposal, reason="  We found a grant that pays for it.  "
    )

    assert withdrawn.status == Status.WITHDRAWN
    assert _fresh(proposal).withdrawn_reason == "We found a grant that pays for it."
    assert not selectors.on_ballot(round_=proposal.round, area=None).exists()
    assert selectors.round_feasible_count(round_=proposal.round) == 0
    event = AuditEvent.objects.get(action="budgeting.proposal.withdraw")
    assert event.actor_id == youth.person_id
    assert event.data["was"] == "feasible"
    assert event.data["reason_given"] is True
    # The words are on the proposal, where they are published; the audit trail keeps none.
    assert "grant" not in str(event.data)


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_staff_withdraw_a_project_not_yet_checked_with_no_reason(
    organisation: Organisation, status: str
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal = made.draft(round_, made.young(organisation), costs=[100])
    if status == "submitted":
        services.proposal_submit(actor=worker, proposal=proposal)

    services.proposal_withdraw(actor=worker, proposal=proposal)

    assert _fresh(proposal).status == Status.WITHDRAWN
    assert _fresh(proposal).withdrawn_reason == ""
    assert AuditEvent.objects.get(action="budgeting.proposal.withdraw").data["was"] == status


@pytest.mark.parametrize("who", ["another young person", "councillor"])
def test_nobody_else_withdraws_it(organisation: Organisation, who: str) -> None:
    _worker, _youth, proposal = _forward(organisation)
    actor = (
        made.young(organisation)
        if who == "another young person"
        else factories.actor(factories.person_with_role(Role.COUNCILLOR, organisation))
    )
    with pytest.raises(NotPermitted):
        services.proposal_withdraw(actor=actor, proposal=proposal, reason="Not mine")
    assert _fresh(proposal).status == Status.FEASIBLE
    assert not AuditEvent.objects.filter(action="budgeting.proposal.withdraw").exists()


@pytest.mark.parametrize(
    "stage",
    [Round.Stage.VOTING, Round.Stage.COUNTING, Round.Stage.RESULTS, Round.Stage.DELIVERY],
)
def test_once_voting_opens_it_stays_on_the_ballot(organisation: Organisation, stage: str) -> None:
    worker, youth, proposal = _forward(organisation)
    _at(proposal.round, stage)
    for actor in (youth, worker):
        with pytest.raises(Conflict, match="Voting has opened"):
            services.proposal_withdraw(actor=actor, proposal=_fresh(proposal))
    assert _fresh(proposal).status == Status.FEASIBLE


def test_it_can_be_withdrawn_while_the_projects_are_ready_for_the_vote(
    organisation: Organisation,
) -> None:
    _worker, youth, proposal = _forward(organisation)
    _at(proposal.round, Round.Stage.PROPOSALS)
    services.proposal_withdraw(actor=youth, proposal=_fresh(proposal))
    assert _fresh(proposal).status == Status.WITHDRAWN


def test_a_project_the_panel_turned_down_keeps_its_published_reason(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, worker.person, youth.person)
    proposal = made.check(made.submitted(round_, youth), worker, ok=False, reason="Too big")
    with pytest.raises(Conflict, match="not going forward"):
        services.proposal_withdraw(actor=youth, proposal=proposal, reason="Oh well")
    assert _fresh(proposal).status == Status.NOT_FEASIBLE
    assert _fresh(proposal).not_feasible_reason == "Too big"


def test_withdrawn_twice_it_stays_as_first_withdrawn(organisation: Organisation) -> None:
    worker, youth, proposal = _forward(organisation)
    services.proposal_withdraw(actor=youth, proposal=proposal, reason="First")
    again = services.proposal_withdraw(actor=worker, proposal=proposal, reason="Second")
    assert again.withdrawn_reason == "First"
    assert AuditEvent.objects.filter(action="budgeting.proposal.withdraw").count() == 1


@pytest.mark.parametrize(
    ("reason", "says"),
    [("x" * 1001, "1000 characters or fewer"), ("Because\x00", "hidden character")],
)
def test_a_reason_too_long_or_with_a_hidden_character_is_refused(
    organisation: Organisation, reason: str, says: str
) -> None:
    _worker, youth, proposal = _forward(organisation)
    with pytest.raises(ValidationFailed, match=says):
        services.proposal_withdraw(actor=youth, proposal=proposal, reason=reason)
    assert _fresh(proposal).status == Status.FEASIBLE


def test_a_withdrawn_project_is_never_changed_sent_or_checked(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, worker.person, youth.person)
    draft = made.draft(round_, youth, costs=[100])
    sent = made.submitted(round_, youth)
    services.proposal_withdraw(actor=youth, proposal=draft)
    services.proposal_withdraw(actor=youth, proposal=sent)

    with pytest.raises(Conflict, match="withdrawn, so it cannot be changed"):
        services.cost_line_add(
            actor=worker,
            proposal=_fresh(draft),
            item="Paint",
            pence=1,
            idempotency_key=uuid.uuid4(),
        )
    with pytest.raises(Conflict, match="withdrawn, so it cannot be changed"):
        services.proposal_submit(actor=youth, proposal=_fresh(draft))
    with pytest.raises(Conflict, match="Only projects sent to be checked"):
        made.check(_fresh(sent), worker)
    assert services.change_refusal(worker, _fresh(draft)) is not None


def test_only_a_withdrawn_proposal_has_a_withdrawal_reason(organisation: Organisation) -> None:
    _worker, _youth, proposal = _forward(organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(withdrawn_reason="Sneaked in")


# The pages --------------------------------------------------------------------------------


def _on(name: str, proposal: Proposal) -> str:
    round_ = proposal.round
    return reverse(
        f"budgeting:{name}",
        args=[round_.organisation.slug, round_.public_id, proposal.public_id],
    )


def _text(response: Any) -> str:
    return response.content.decode()


def test_the_lead_withdraws_from_the_projects_page_with_a_reason(
    organisation: Organisation, client_for: Any
) -> None:
    _worker, youth, proposal = _forward(organisation)
    client: Client = client_for(youth.person)
    detail = _text(client.get(_on("proposal-detail", proposal)))
    assert _on("proposal-withdraw", proposal) in detail

    page = client.get(_on("proposal-withdraw", proposal))
    assert page.status_code == 200
    assert "It will not be on the ballot" in _text(page)
    sent = client.post(_on("proposal-withdraw", proposal), {"reason": "We got a grant instead"})

    assert sent.status_code == 302
    assert sent["Location"] == _on("proposal-detail", proposal)
    shown = _text(client.get(sent["Location"]))
    assert "is withdrawn. It will not be on the ballot." in shown
    assert "Withdrawn" in shown
    assert "We got a grant instead" in shown
    assert _on("proposal-withdraw", proposal) not in shown
    # The same form sent again goes back to the project, changing nothing
    again = client.post(_on("proposal-withdraw", proposal), {"reason": "Twice"})
    assert again.status_code == 302
    assert _fresh(proposal).withdrawn_reason == "We got a grant instead"


def test_a_reason_too_long_is_shown_on_the_form_and_nothing_is_saved(
    organisation: Organisation, client_for: Any
) -> None:
    worker, _youth, proposal = _forward(organisation)
    response = client_for(worker.person).post(
        _on("proposal-withdraw", proposal), {"reason": "x" * 1001}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in _text(response)
    assert _fresh(proposal).status == Status.FEASIBLE


def test_after_voting_opens_the_page_says_why_it_cannot_be_withdrawn(
    organisation: Organisation, client_for: Any
) -> None:
    worker, _youth, proposal = _forward(organisation)
    _at(proposal.round, Round.Stage.VOTING)
    client = client_for(worker.person)
    assert _on("proposal-withdraw", proposal) not in _text(
        client.get(_on("proposal-detail", proposal))
    )
    page = _text(client.get(_on("proposal-withdraw", proposal)))
    assert "This project cannot be withdrawn" in page
    assert "Voting has opened, so projects cannot be withdrawn now." in page
    refused = client.post(_on("proposal-withdraw", proposal), {"reason": "Late"})
    assert refused.status_code == 200
    assert _fresh(proposal).status == Status.FEASIBLE


def test_a_young_person_who_does_not_lead_it_is_refused(
    organisation: Organisation, client_for: Any
) -> None:
    _worker, _youth, proposal = _forward(organisation)
    other = made.young(organisation)
    response = client_for(other.person).post(_on("proposal-withdraw", proposal), {})
    assert response.status_code == 403
    assert _fresh(proposal).status == Status.FEASIBLE


def test_a_withdrawn_draft_cannot_be_edited(organisation: Organisation, client_for: Any) -> None:
    round_ = made.ideas_round(organisation)
    youth = made.young(organisation)
    draft = made.draft(round_, youth)
    services.proposal_withdraw(actor=youth, proposal=draft)
    page = _text(client_for(youth.person).get(_on("proposal-edit", draft)))
    assert "This project has been withdrawn, so it cannot be changed." in page


def test_the_public_projects_page_lists_withdrawn_projects_with_their_reasons(
    organisation: Organisation, client: Client
) -> None:
    worker, youth, proposal = _forward(organisation)
    round_ = proposal.round
    quiet = made.draft(round_, worker, title="Quietly dropped")
    services.proposal_withdraw(actor=youth, proposal=proposal, reason="We got a grant instead")
    services.proposal_withdraw(actor=worker, proposal=quiet)
    url = reverse("budgeting:round-proposals", args=[round_.public_id])

    forward = _text(client.get(url))
    assert proposal.title not in forward
    assert "Withdrawn (2)" in forward
    withdrawn = _text(client.get(url, {"list": "withdrawn"}))
    assert proposal.title in withdrawn
    assert "We got a grant instead" in withdrawn
    assert "Quietly dropped" in withdrawn
    assert "No reason was given." in withdrawn
    assert f'href="{url}"' in withdrawn


def test_with_none_withdrawn_the_list_says_so(organisation: Organisation, client: Client) -> None:
    _worker, _youth, proposal = _forward(organisation)
    url = reverse("budgeting:round-proposals", args=[proposal.round.public_id])
    assert "No project has been withdrawn." in _text(client.get(url, {"list": "withdrawn"}))
