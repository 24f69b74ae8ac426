"""A young person's home page, for each round voting now: asked to vote where they have not, told
so where they have (online, at a tablet or on paper), in the same queries however many rounds."""

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
from alongside.budgeting.models import Ballot, Participation, PollingStation, Round
from tests import factories
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db

HOME = "/"
RECEIPT_HINT = "Keep your receipt code to check it later."


def _young(organisation: Organisation) -> tuple[Person, Client]:
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    client = Client()
    assert person.user is not None
    client.force_login(person.user)
    return person, client


def _vote_online(person: Person, round_: Round) -> None:
    services.ballot_cast(
        actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
    )


def _station(round_: Round) -> PollingStation:
    return PollingStation.objects.create(
        round=round_,
        name="Riverside youth club",
        opens_at=round_.voting_opens_at,
        closes_at=round_.voting_closes_at,
    )


def _home(client: Client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_voted_in_one_round_they_are_told_so_and_asked_to_vote_in_the_other(
    organisation: Organisation,
) -> None:
    voted = budget_factories.voting_round(organisation, title="Spend it")
    waiting = budget_factories.voting_round(organisation, title="Parks money")
    person, client = _young(organisation)
    _vote_online(person, voted)

    page = _home(client)

    today = timezone.localdate()
    assert f"You voted on {today.day} {today:%B %Y}. {RECEIPT_HINT}" in page
    assert reverse("budgeting:my-votes") in page
    assert "Vote in Spend it" not in page
    assert reverse("budgeting:vote-start", args=[voted.public_id]) not in page
    assert "Vote in Parks money" in page
    assert reverse("budgeting:vote-start", args=[waiting.public_id]) in page


def test_a_changed_vote_is_dated_by_the_ballot_that_counts(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, ballots_can_change=True)
    person, client = _young(organisation)
    _vote_online(person, round_)
    earlier = timezone.now() - dt.timedelta(days=3)
    Participation.objects.update(created_at=earlier)
    Ballot.objects.update(cast_at=earlier)
    _vote_online(person, round_)
    today = timezone.localdate()
    assert f"You voted on {today.day} {today:%B %Y}." in _home(client)


def test_on_paper_or_checked_in_for_the_tablet_they_are_not_asked_to_vote_online(
    organisation: Organisation,
) -> None:
    paper = budget_factories.voting_round(organisation, title="On paper")
    tablet = budget_factories.voting_round(organisation, title="At the tablet")
    person, client = _young(organisation)
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    services.voter_check_in(actor=worker, station=_station(paper), person=person, paper=True)
    services.voter_check_in(actor=worker, station=_station(tablet), person=person, paper=False)

    page = _home(client)

    assert "You voted on paper on" in page
    assert RECEIPT_HINT not in page
    assert "You are checked in at a polling station. Vote on the tablet there." in page
    assert "Vote in" not in page


def test_the_home_page_asks_the_same_queries_for_1_or_5_open_rounds(
    organisation: Organisation,
) -> None:
    person, client = _young(organisation)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _home(client)
        return len(captured)

    first = budget_factories.voting_round(organisation)
    _vote_online(person, first)
    client.get(HOME)  # the session made, like a real visitor's
    one = queries()
    for n in range(4):
        round_ = budget_factories.voting_round(organisation)
        if n % 2:
            _vote_online(person, round_)
    five = queries()

    assert five == one
    assert _home(client).count(RECEIPT_HINT) == 3
