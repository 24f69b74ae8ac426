"""Builders for closing, counting and publishing rounds in tests: a round with ballots cast
through the real service, closed and counted through the real services, and published.

The count runs by calling the task: a test inside a transaction never reaches the close's
``on_commit`` (tests that check the queueing itself capture it)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services, tasks
from alongside.budgeting.models import Area, Ballot, Proposal, Round
from alongside.voice.models import Contribution
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.initiatives import factories as initiative_factories
from tests.voice.factories import ContributionFactory

# Three projects of £10,000, £20,000 and £30,000 and a £50,000 budget. Five young people want
# 1 and 3, four want 2: most votes first funds 1 and 3 (£40,000, for the five); Equal Shares
# funds 1 and 2, so the four get their part of the money too.
BALLOTS = ([1, 3],) * 5 + ([2],) * 4


def staff(organisation: Organisation) -> Any:
    return initiative_factories.manager_of(organisation)


def vote(round_: Round, choices: Sequence[int], *, area: Area | None = None) -> Ballot:
    person = factories.person_with_role(Role.YOUNG_PERSON, round_.organisation, age=15)
    return services.ballot_cast(
        actor=factories.actor(person),
        round_=round_,
        choices=list(choices),
        area=area,
        idempotency_key=uuid.uuid4(),
    ).ballot


def with_ideas(round_: Round) -> dict[int, list[Contribution]]:
    """Each proposal gets a published idea from the round's initiative, and the first a hidden
    one too (a decision must not cite it)."""
    ideas: dict[int, list[Contribution]] = {}
    for proposal in Proposal.objects.filter(round=round_).order_by("number"):
        idea = ContributionFactory(
            initiative=round_.initiative, text=f"Please can we have {proposal.title.lower()}"
        )
        proposal.ideas.add(idea)
        ideas[proposal.number] = [idea]
        if proposal.number == 1:
            hidden = ContributionFactory(
                initiative=round_.initiative,
                text="Something a moderator hid",
                status=Contribution.Status.HIDDEN,
                moderation_reason="It named someone.",
            )
            proposal.ideas.add(hidden)
    return ideas


def round_with_ballots(
    organisation: Organisation, ballots: Sequence[Sequence[int]] = BALLOTS, **settings: Any
) -> Round:
    round_ = budget_factories.voting_round(organisation, **settings)
    with_ideas(round_)
    for choices in ballots:
        vote(round_, choices)
    return round_


def count(round_: Round) -> Round:
    tasks.round_count.call(round_id=round_.pk)
    round_.refresh_from_db()
    return round_


def counted_round(organisation: Organisation, **kwargs: Any) -> Round:
    round_ = round_with_ballots(organisation, **kwargs)
    services.round_close(actor=staff(organisation), round_=round_)
    return count(round_)


def published_round(organisation: Organisation, **kwargs: Any) -> Round:
    round_ = counted_round(organisation, **kwargs)
    return services.round_publish(actor=staff(organisation), round_=round_)
