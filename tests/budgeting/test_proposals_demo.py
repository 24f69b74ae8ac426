"""The demo's projects: written from ideas, costed, checked by a panel with young people, some
turned down with a reason; made through the services, and made once."""

from __future__ import annotations

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import demo_proposals
from alongside.budgeting.models import Area, PanelMember, Proposal, Round
from alongside.core.models import AuditEvent
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution
from tests import factories
from tests.budgeting import factories_proposals as made

pytestmark = pytest.mark.django_db


def _round(organisation: Organisation, **settings: object) -> Round:
    round_ = made.ideas_round(
        organisation, stage=Round.Stage.FEASIBILITY, organisations_may_propose=True, **settings
    )
    Initiative.objects.filter(pk=round_.initiative_id).update(
        stage=Initiative.Stage.OPEN, moderate_before_publishing=True
    )
    round_.refresh_from_db()
    for _ in range(2):
        factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    return round_


def test_the_demo_writes_checks_and_turns_down_projects(organisation: Organisation) -> None:
    round_ = _round(organisation)
    actor = made.staff(organisation)

    proposals = demo_proposals.seed_proposals(round_, 8, actor)

    assert [p.number for p in proposals] == list(range(1, 11))
    statuses = [p.status for p in proposals]
    assert statuses.count(Proposal.Status.FEASIBLE) == 8
    assert statuses.count(Proposal.Status.NOT_FEASIBLE) == 2
    for proposal in proposals:
        ideas = list(proposal.ideas.all())
        assert ideas
        assert all(i.status == Contribution.Status.PUBLISHED for i in ideas)
        assert proposal.cost_pence == sum(proposal.cost_lines.values_list("pence", flat=True))
        assert proposal.cost_pence <= round_.budget_pence
        if proposal.status == Proposal.Status.NOT_FEASIBLE:
            assert proposal.not_feasible_reason
    assert PanelMember.objects.filter(round=round_).count() == 3
    assert AuditEvent.objects.filter(action="budgeting.proposal.check").count() == 10

    # Run again, it makes nothing
    again = demo_proposals.seed_proposals(round_, 8, actor)
    assert [p.pk for p in again] == [p.pk for p in proposals]
    assert Proposal.objects.count() == 10


def test_projects_are_shared_across_areas_and_fit_their_budgets(
    organisation: Organisation,
) -> None:
    round_ = _round(organisation, budget_pence=1_000_000)
    for name in ("North", "South"):
        Area.objects.create(round=round_, name=name, budget_pence=300_000)

    proposals = demo_proposals.seed_proposals(
        round_, 3, made.staff(organisation), not_going_forward=1
    )

    assert {p.area.name for p in proposals if p.area} == {"North", "South"}
    assert all(p.cost_pence <= 300_000 for p in proposals)
