"""The feasibility panel: who may sit on it, a young person on it before any check, interests
declared keep a member out of a check, and what a check decides and publishes."""

from __future__ import annotations

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import ConflictOfInterest, FeasibilityCheck, PanelMember, Proposal
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories_proposals as made

pytestmark = pytest.mark.django_db


def _ready(organisation: Organisation) -> tuple[object, object, Proposal]:
    """A round with a proposal sent to be checked, a worker and a young person on the panel."""
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, worker.person, youth.person)
    return worker, youth, made.submitted(round_, worker)


def test_a_check_with_three_yeses_sends_the_project_to_the_vote(
    organisation: Organisation,
) -> None:
    _worker, youth, proposal = _ready(organisation)
    check = services.feasibility_check_record(
        actor=youth,
        proposal=proposal,
        is_legal=True,
        is_costed=True,
        is_in_scope=True,
        notes="Quotes from two suppliers",
        reason="Ignored when it goes forward",
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FEASIBLE
    assert proposal.not_feasible_reason == ""
    assert check.checked_by == youth.person
    event = AuditEvent.objects.get(action="budgeting.proposal.check")
    assert event.data["status"] == "feasible"
    assert "Quotes" not in str(event.data)


def test_a_no_needs_a_reason_which_is_published(organisation: Organisation) -> None:
    worker, _youth, proposal = _ready(organisation)
    with pytest.raises(ValidationFailed, match="Say why"):
        services.feasibility_check_record(
            actor=worker, proposal=proposal, is_legal=True, is_costed=False, is_in_scope=True
        )
    assert not FeasibilityCheck.objects.exists()
    services.feasibility_check_record(
        actor=worker,
        proposal=proposal,
        is_legal=True,
        is_costed=False,
        is_in_scope=True,
        reason="The costs leave out the fitting.",
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NOT_FEASIBLE
    assert proposal.not_feasible_reason == "The costs leave out the fitting."


def test_no_check_before_a_young_person_is_on_the_panel(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    made.on_panel(round_, worker, worker.person)
    proposal = made.submitted(round_, worker)
    with pytest.raises(Conflict, match="at least one young person"):
        made.check(proposal, worker)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert not FeasibilityCheck.objects.exists()

    youth = made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    assert made.check(proposal, worker).status == Proposal.Status.FEASIBLE


def test_taking_the_only_young_person_off_stops_the_checks(organisation: Organisation) -> None:
    worker, youth, proposal = _ready(organisation)
    member = PanelMember.objects.get(person=youth.person)
    services.panel_member_remove(actor=worker, member=member)
    with pytest.raises(Conflict, match="at least one young person"):
        made.check(proposal, worker)
    # Added again, the same row comes back
    again, added = services.panel_member_add(
        actor=worker, round_=proposal.round, person=youth.person
    )
    assert added
    assert again.pk == member.pk
    assert again.removed_at is None
    assert made.check(proposal, youth).status == Proposal.Status.FEASIBLE


def test_a_member_with_an_interest_cannot_check_it(organisation: Organisation) -> None:
    worker, youth, proposal = _ready(organisation)
    first = services.conflict_declare(actor=youth, proposal=proposal, interest="My sister leads it")
    again = services.conflict_declare(actor=youth, proposal=proposal, interest="Said again")
    assert first.pk == again.pk
    assert ConflictOfInterest.objects.get().interest == "My sister leads it"
    with pytest.raises(NotPermitted, match="declared an interest"):
        made.check(proposal, youth)
    assert made.check(proposal, worker).status == Proposal.Status.FEASIBLE
    assert AuditEvent.objects.filter(action="budgeting.conflict.declare").count() == 1


def test_an_interest_needs_saying(organisation: Organisation) -> None:
    _worker, youth, proposal = _ready(organisation)
    with pytest.raises(ValidationFailed, match="your interest"):
        services.conflict_declare(actor=youth, proposal=proposal, interest=" ")
    with pytest.raises(ValidationFailed, match="300 characters"):
        services.conflict_declare(actor=youth, proposal=proposal, interest="x" * 301)


def test_only_panel_members_declare_and_check(organisation: Organisation) -> None:
    _worker, _youth, proposal = _ready(organisation)
    outsider = made.young(organisation)
    with pytest.raises(NotPermitted, match="Only members"):
        made.check(proposal, outsider)
    with pytest.raises(NotPermitted, match="Only members"):
        services.conflict_declare(actor=outsider, proposal=proposal, interest="I know them")


def test_a_project_is_checked_once(organisation: Organisation) -> None:
    worker, youth, proposal = _ready(organisation)
    made.check(proposal, youth)
    # The same answers from the same person (the form sent twice) return the first check
    assert made.check(proposal, youth).status == Proposal.Status.FEASIBLE
    with pytest.raises(Conflict, match="checked already"):
        made.check(proposal, worker, ok=False)
    assert FeasibilityCheck.objects.count() == 1


def test_a_draft_is_not_checked(organisation: Organisation) -> None:
    worker, youth, _proposal = _ready(organisation)
    draft = made.draft(_proposal.round, worker, title="Not sent")
    with pytest.raises(Conflict, match="sent to be checked"):
        made.check(draft, youth)


def test_the_panel_is_staff_and_young_people_of_the_organisation(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    parent = factories.person_with_role(Role.PARENT_CARER, organisation)
    stranger = factories.person_with_role(Role.YOUNG_PERSON, other_organisation)
    for person in (parent, stranger):
        with pytest.raises(ValidationFailed, match="staff and young people"):
            services.panel_member_add(actor=worker, round_=round_, person=person)
    member, added = services.panel_member_add(actor=worker, round_=round_, person=worker.person)
    again, added_again = services.panel_member_add(
        actor=worker, round_=round_, person=worker.person
    )
    assert added
    assert not added_again
    assert member.pk == again.pk
    assert AuditEvent.objects.filter(action="budgeting.panel.add").count() == 1


def test_only_staff_who_run_the_round_change_the_panel(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    youth = made.young(organisation)
    with pytest.raises(NotPermitted):
        services.panel_member_add(actor=youth, round_=round_, person=youth.person)
    assert not PanelMember.objects.exists()
