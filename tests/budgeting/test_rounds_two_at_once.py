"""Two workers at once on one round, on two real PostgreSQL connections: the same stage move
made twice moves it once, and a section saved while the round moves to voting is either saved
before voting opens or refused, never saved into an open vote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alongside.budgeting import services
from alongside.budgeting.models import Round
from alongside.core.errors import Conflict
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories as made
from tests.concurrency import needs_postgres, run_concurrently
from tests.initiatives import factories as initiative_factories

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_move_by_two_workers_at_once_moves_the_round_once() -> None:
    organisation = factories.OrganisationFactory()
    round_ = made.set_up(made.round_(organisation))
    workers = [initiative_factories.manager_of(organisation) for _ in range(2)]

    first, second = run_concurrently(
        lambda: services.round_stage_move(actor=workers[0], round_=round_, to=Round.Stage.RULES),
        lambda: services.round_stage_move(actor=workers[1], round_=round_, to=Round.Stage.RULES),
    )

    assert first.ok, first.error
    assert second.ok, second.error
    assert Round.objects.get().stage == Round.Stage.RULES
    assert AuditEvent.objects.filter(action="budgeting.round.stage").count() == 1


def test_a_section_saved_as_voting_opens_waits_and_is_refused() -> None:
    organisation = factories.OrganisationFactory()
    now = timezone.now()
    round_ = made.set_up(
        made.round_(organisation),
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + dt.timedelta(days=3),
    )
    round_ = made.move_to(round_, Round.Stage.PROPOSALS)
    made.proposal(round_, 1, 100)
    made.proposal(round_, 2, 100)
    worker = initiative_factories.manager_of(organisation)

    opening, changing = run_concurrently(
        lambda: services.round_stage_move(actor=worker, round_=round_, to=Round.Stage.VOTING),
        lambda: services.round_eligibility_set(
            actor=worker, round_=round_, min_age=5, max_age=25, members_only=False
        ),
    )

    assert opening.ok, opening.error
    assert isinstance(changing.error, Conflict)
    assert Round.objects.get().max_age == 19
