"""Casting ballots: one each, a repeat returns the first, who may vote, and paper typed twice."""

from __future__ import annotations

import uuid

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Ballot, PaperEntry, Participation, PollingStation, Round
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from tests import factories
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db


def voter(organisation: Organisation, age: int = 15) -> object:
    return factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation, age=age))


def test_a_young_person_votes_once_and_gets_a_receipt(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    cast = services.ballot_cast(
        actor=voter(organisation), round_=round_, choices=[2, 1], idempotency_key=uuid.uuid4()
    )
    assert cast.created
    assert cast.ballot.choices == [1, 2]
    assert len(cast.ballot.receipt_code) == 14
    assert Participation.objects.filter(round=round_).count() == 1


def test_the_same_submission_sent_twice_is_one_ballot(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    actor, key = voter(organisation), uuid.uuid4()
    first = services.ballot_cast(actor=actor, round_=round_, choices=[1], idempotency_key=key)
    again = services.ballot_cast(actor=actor, round_=round_, choices=[1], idempotency_key=key)
    assert not again.created
    assert again.ballot.pk == first.ballot.pk
    assert Ballot.objects.count() == 1


def test_a_second_vote_is_refused_unless_the_round_allows_changes(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    actor = voter(organisation)
    services.ballot_cast(actor=actor, round_=round_, choices=[1], idempotency_key=uuid.uuid4())
    with pytest.raises(Conflict, match="already voted"):
        services.ballot_cast(actor=actor, round_=round_, choices=[2], idempotency_key=uuid.uuid4())
    assert Ballot.objects.count() == 1


def test_a_changed_ballot_supersedes_the_last_and_keeps_it(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, ballots_can_change=True)
    actor = voter(organisation)
    first = services.ballot_cast(
        actor=actor, round_=round_, choices=[1], idempotency_key=uuid.uuid4()
    )
    second = services.ballot_cast(
        actor=actor, round_=round_, choices=[2], idempotency_key=uuid.uuid4()
    )
    first.ballot.refresh_from_db()
    assert first.ballot.superseded_at is not None
    assert second.ballot.superseded_at is None
    assert Ballot.objects.filter(round=round_, superseded_at__isnull=True).get() == second.ballot


def test_a_26_year_old_is_refused_with_a_clear_message(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, max_age=25)
    with pytest.raises(NotPermitted, match="aged 11 to 25"):
        services.ballot_cast(
            actor=voter(organisation, age=26),
            round_=round_,
            choices=[1],
            idempotency_key=uuid.uuid4(),
        )
    assert not Participation.objects.exists()


def test_a_ballot_the_rules_do_not_allow_is_refused_and_nothing_is_kept(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation, max_choices=1)
    with pytest.raises(ValidationFailed, match="up to 1 project"):
        services.ballot_cast(
            actor=voter(organisation), round_=round_, choices=[1, 2], idempotency_key=uuid.uuid4()
        )
    assert not Participation.objects.exists()


def test_no_vote_once_voting_has_closed(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.COUNTING)
    round_.refresh_from_db()
    with pytest.raises(Conflict, match="not open"):
        services.ballot_cast(
            actor=voter(organisation), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
        )


def test_staff_cannot_vote(organisation: Organisation, worker: object) -> None:
    round_ = budget_factories.voting_round(organisation)
    with pytest.raises(NotPermitted):
        services.ballot_cast(
            actor=factories.actor(worker),  # type: ignore[arg-type]
            round_=round_,
            choices=[1],
            idempotency_key=uuid.uuid4(),
        )


def _station(round_: Round) -> PollingStation:
    return PollingStation.objects.create(
        round=round_,
        name="Riverside youth club",
        opens_at=round_.voting_opens_at,
        closes_at=round_.voting_closes_at,
    )


def test_a_voter_checked_in_at_a_station_cannot_vote_again_online(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = _station(round_)
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=14)
    participation = services.voter_check_in(
        actor=worker, station=station, person=person, paper=False
    )
    services.kiosk_ballot_cast(
        actor=worker, participation=participation, choices=[3], idempotency_key=uuid.uuid4()
    )
    with pytest.raises(Conflict):
        services.voter_check_in(actor=worker, station=station, person=person, paper=True)
    with pytest.raises(Conflict, match="already voted"):
        services.ballot_cast(
            actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
        )
    assert Ballot.objects.count() == 1


def test_a_paper_ballot_counts_only_when_a_second_worker_agrees(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = _station(round_)
    first = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    second = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    agreed = services.paper_ballot_enter(
        actor=first,
        station=station,
        paper_number="a-17",
        choices=[1, 3],
        idempotency_key=uuid.uuid4(),
    )
    with pytest.raises(NotPermitted, match="second worker"):
        services.paper_ballot_confirm(actor=first, entry=agreed, choices=[1, 3])
    agreed = services.paper_ballot_confirm(actor=second, entry=agreed, choices=[3, 1])
    assert agreed.status == PaperEntry.Status.COUNTED
    assert agreed.ballot is not None
    assert agreed.ballot.paper_number == "A-17"

    differs = services.paper_ballot_enter(
        actor=first, station=station, paper_number="A-18", choices=[1], idempotency_key=uuid.uuid4()
    )
    differs = services.paper_ballot_confirm(actor=second, entry=differs, choices=[2])
    assert differs.status == PaperEntry.Status.HELD
    assert differs.ballot is None
    assert Ballot.objects.filter(channel=Ballot.Channel.PAPER).count() == 1

    with pytest.raises(Conflict, match="entered already"):
        services.paper_ballot_enter(
            actor=first,
            station=station,
            paper_number="A-17",
            choices=[2],
            idempotency_key=uuid.uuid4(),
        )
