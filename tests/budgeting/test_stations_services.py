"""Polling stations' services: a station's window, checking in and its refusals, papers typed
twice, and a held paper decided once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    Participation,
    PollingStation,
    Round,
)
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_stations as made

pytestmark = pytest.mark.django_db


def _open(round_: Round, **overrides: object) -> PollingStation:
    start = round_.voting_opens_at or timezone.now()
    arguments: dict[str, object] = {
        "actor": made.staff(round_.organisation),
        "round_": round_,
        "name": "Riverside youth club",
        "area": None,
        "opens_at": start + dt.timedelta(hours=2),
        "closes_at": start + dt.timedelta(hours=5),
        "idempotency_key": uuid.uuid4(),
    }
    arguments.update(overrides)
    return services.station_open(**arguments)  # type: ignore[arg-type]


# Opening and closing ---------------------------------------------------------------------


def test_a_worker_opens_a_station_within_voting_and_it_is_audited(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = _open(round_, name="  Riverside   youth club ")
    assert station.name == "Riverside youth club"
    assert AuditEvent.objects.filter(action="budgeting.station.open").count() == 1


def test_the_same_opening_sent_twice_is_one_station(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    key = uuid.uuid4()
    actor = made.staff(organisation)
    first = _open(round_, idempotency_key=key, actor=actor)
    again = _open(round_, idempotency_key=key, actor=actor)
    assert again.pk == first.pk
    assert PollingStation.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "field", "words"),
    [
        (-2, 3, "opens", "cannot open before voting opens"),
        (1, 24 * 8, "closes", "must close by the time voting closes"),
        (3, 2, "closes", "must be after the opening time"),
        (-2, -1.5, "closes", "must be in the future"),
    ],
)
def test_a_station_outside_voting_is_refused(
    organisation: Organisation, opens: float, closes: float, field: str, words: str
) -> None:
    round_ = budget_factories.voting_round(organisation)
    now = timezone.now()
    with pytest.raises(ValidationFailed, match=words) as refused:
        _open(
            round_,
            opens_at=now + dt.timedelta(hours=opens),
            closes_at=now + dt.timedelta(hours=closes),
        )
    assert refused.value.field == field
    assert not PollingStation.objects.exists()


def test_no_station_without_voting_dates_or_after_voting(organisation: Organisation) -> None:
    round_ = budget_factories.round_(organisation)
    now = timezone.now()
    with pytest.raises(Conflict, match="Set the dates"):
        _open(round_, opens_at=now, closes_at=now + dt.timedelta(hours=1))
    counting = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=counting.pk).update(stage=Round.Stage.COUNTING)
    counting.refresh_from_db()
    with pytest.raises(Conflict, match="has finished"):
        _open(counting)


def test_a_station_needs_an_area_when_voters_vote_in_their_own(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    north = Area.objects.create(round=round_, name="North")
    with pytest.raises(ValidationFailed, match="Choose the area"):
        _open(round_)
    elsewhere = Area.objects.create(round=budget_factories.voting_round(organisation), name="X")
    with pytest.raises(ValidationFailed, match="this round's areas"):
        _open(round_, area=elsewhere)
    assert _open(round_, area=north).area == north


def test_a_station_in_a_round_without_areas_has_none(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    other = budget_factories.voting_round(organisation)
    with pytest.raises(ValidationFailed, match="this round's areas"):
        _open(round_, area=Area.objects.create(round=other, name="North"))


def test_a_young_person_cannot_open_a_station(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        _open(round_, actor=young)


def test_closing_early_ends_the_station_now_once(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    actor = made.staff(organisation)
    closed = services.station_close(actor=actor, station=station)
    assert closed.closes_at <= timezone.now()
    again = services.station_close(actor=actor, station=station)
    assert again.closes_at == closed.closes_at
    assert AuditEvent.objects.filter(action="budgeting.station.close").count() == 1
    with pytest.raises(Conflict, match="not open now"):
        services.station_check_in(
            actor=actor, station=closed, person=made.young(organisation), paper=True
        )


def test_a_station_not_open_yet_cannot_close_early(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    later = _open(round_)
    with pytest.raises(Conflict, match="has not opened yet"):
        services.station_close(actor=made.staff(organisation), station=later)


# Cancelling one opened by mistake -----------------------------------------------------------


def test_a_station_not_open_yet_is_cancelled_once_kept_and_audited(
    organisation: Organisation,
) -> None:
    later = _open(budget_factories.voting_round(organisation))
    actor = made.staff(organisation)
    cancelled = services.station_cancel(actor=actor, station=later)
    assert cancelled.cancelled_at is not None
    again = services.station_cancel(actor=actor, station=later)
    assert again.cancelled_at == cancelled.cancelled_at
    assert PollingStation.objects.filter(pk=later.pk).exists()
    event = AuditEvent.objects.get(action="budgeting.station.cancel")
    assert event.actor_id == actor.person_id
    # Closing it now has nothing to do.
    assert services.station_close(actor=actor, station=later).closes_at == later.closes_at


def test_nobody_can_vote_or_be_typed_in_at_a_cancelled_station(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    PollingStation.objects.filter(pk=station.pk).update(cancelled_at=timezone.now())
    # The page was opened before the cancel: the station in hand still looks open.
    with pytest.raises(Conflict, match="was cancelled"):
        services.station_check_in(
            actor=made.staff(organisation),
            station=station,
            person=made.young(organisation),
            paper=True,
        )
    with pytest.raises(Conflict, match="was cancelled"):
        made.entered(station, "A-1", [1])
    assert not Participation.objects.exists()
    assert not PaperEntry.objects.exists()


def test_a_station_whose_opening_time_has_passed_cannot_be_cancelled(
    organisation: Organisation,
) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    with pytest.raises(Conflict, match=r"opening time has passed.*close it early instead"):
        services.station_cancel(actor=made.staff(organisation), station=station)
    station.refresh_from_db()
    assert station.cancelled_at is None
    assert not AuditEvent.objects.filter(action="budgeting.station.cancel").exists()


@pytest.mark.parametrize("paper", [False, True])
def test_a_station_someone_was_checked_in_at_cannot_be_cancelled(
    organisation: Organisation, paper: bool
) -> None:
    """The check a cancel makes after it locks the station, proven on one connection: the
    check-in won the race (tests/budgeting/test_stations_two_at_once.py has the race), and
    the cancel read the clock just before the opening time."""
    station = made.station(budget_factories.voting_round(organisation))
    actor = made.staff(organisation)
    if paper:
        made.entered(station, "A-1", [1])
    else:
        services.station_check_in(
            actor=actor, station=station, person=made.young(organisation), paper=False
        )
    soon = timezone.now() + dt.timedelta(minutes=1)
    PollingStation.objects.filter(pk=station.pk).update(
        opens_at=soon, closes_at=soon + dt.timedelta(hours=1)
    )
    with pytest.raises(Conflict, match="Someone has been checked in or a paper ballot typed in"):
        services.station_cancel(actor=actor, station=station)
    station.refresh_from_db()
    assert station.cancelled_at is None


def test_a_young_person_cannot_cancel_a_station(organisation: Organisation) -> None:
    later = _open(budget_factories.voting_round(organisation))
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        services.station_cancel(actor=young, station=later)
    later.refresh_from_db()
    assert later.cancelled_at is None


# Checking in -------------------------------------------------------------------------------


def test_check_in_refuses_someone_too_old_in_words_for_the_worker(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation, max_age=25)
    station = made.station(round_)
    with pytest.raises(ValidationFailed, match=r"aged 11 to 25 .* They cannot vote"):
        services.station_check_in(
            actor=made.staff(organisation),
            station=station,
            person=made.young(organisation, age=26),
            paper=False,
        )
    assert not Participation.objects.exists()


def test_check_in_refuses_someone_who_voted_online(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    services.ballot_cast(
        actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
    )
    for paper in (True, False):
        with pytest.raises(Conflict, match="already voted"):
            services.station_check_in(
                actor=made.staff(organisation), station=station, person=person, paper=paper
            )
    assert Participation.objects.get().channel == Participation.Channel.ONLINE


def test_check_in_refuses_at_a_station_that_is_not_open(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    later = _open(round_)
    with pytest.raises(Conflict, match="not open now"):
        services.station_check_in(
            actor=made.staff(organisation),
            station=later,
            person=made.young(organisation),
            paper=True,
        )
    assert not Participation.objects.exists()


def test_check_in_refuses_a_young_person_of_another_organisation(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    with pytest.raises(ValidationFailed, match="from this organisation"):
        services.station_check_in(
            actor=made.staff(organisation),
            station=station,
            person=made.young(other_organisation),
            paper=True,
        )


def test_checking_in_again_the_same_way_gives_the_first_check_in(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    actor = made.staff(organisation)
    tablet, paper = made.young(organisation), made.young(organisation)
    first = services.station_check_in(actor=actor, station=station, person=tablet, paper=False)
    again = services.station_check_in(actor=actor, station=station, person=tablet, paper=False)
    assert first.created
    assert not again.created
    assert again.participation.pk == first.participation.pk
    handed = services.station_check_in(actor=actor, station=station, person=paper, paper=True)
    assert not services.station_check_in(
        actor=actor, station=station, person=paper, paper=True
    ).created
    # The other way, or once they have voted on the tablet, is a second vote: refused.
    with pytest.raises(Conflict, match="already voted"):
        services.station_check_in(actor=actor, station=station, person=paper, paper=False)
    services.kiosk_ballot_cast(
        actor=actor, participation=first.participation, choices=[2], idempotency_key=uuid.uuid4()
    )
    with pytest.raises(Conflict, match="already voted"):
        services.station_check_in(actor=actor, station=station, person=tablet, paper=False)
    assert Participation.objects.count() == 2
    assert handed.participation.channel == Participation.Channel.PAPER
    assert AuditEvent.objects.filter(action="budgeting.station.check_in").count() == 2


def test_checking_in_again_at_another_station_is_refused(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    here, there = made.station(round_), made.station(round_, name="School")
    person, actor = made.young(organisation), made.staff(organisation)
    services.station_check_in(actor=actor, station=here, person=person, paper=False)
    with pytest.raises(Conflict, match="already voted"):
        services.station_check_in(actor=actor, station=there, person=person, paper=False)


@pytest.mark.parametrize(
    ("problem", "words"),
    [
        (
            "We do not know how old you are, so we cannot check you can vote. "
            "Ask a youth worker to add your month and year of birth.",
            "We do not know how old they are.",
        ),
        (
            "This round is for young people aged 11 to 19 on the day voting closes. "
            "You cannot vote in it.",
            "They cannot vote in it.",
        ),
    ],
)
def test_a_reason_reads_for_the_worker(problem: str, words: str) -> None:
    assert words in services.for_staff(problem)
    assert "you" not in services.for_staff(problem).lower().split()


# Paper ballots -----------------------------------------------------------------------------


def test_the_worker_who_typed_a_paper_cannot_confirm_it(organisation: Organisation) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    first = made.staff(organisation)
    entry = made.entered(station, "A-1", [1], by=first)
    with pytest.raises(NotPermitted, match="second worker"):
        services.paper_ballot_confirm(actor=first, entry=entry, choices=[1])
    entry.refresh_from_db()
    assert entry.status == PaperEntry.Status.WAITING
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("outcome", "choices"),
    [(services.Outcome.FIRST, [1, 2]), (services.Outcome.SECOND, [1])],
)
def test_a_held_paper_is_counted_once_as_the_manager_decides(
    organisation: Organisation, outcome: services.Outcome, choices: list[int]
) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    entry, _first, _second = made.held(station)
    manager, key = made.staff(organisation), uuid.uuid4()
    resolved = services.paper_entry_resolve(
        actor=manager, entry=entry, outcome=outcome, idempotency_key=key
    )
    assert resolved.status == PaperEntry.Status.COUNTED
    assert resolved.ballot is not None
    assert resolved.ballot.choices == choices
    assert resolved.ballot.paper_number == entry.paper_number
    assert resolved.resolved_by == manager.person
    # The same decision sent again is the same ballot; another decision is refused.
    again = services.paper_entry_resolve(
        actor=manager, entry=entry, outcome=outcome, idempotency_key=key
    )
    assert again.ballot == resolved.ballot
    with pytest.raises(Conflict, match="decided what this paper says already"):
        services.paper_entry_resolve(
            actor=made.staff(organisation),
            entry=entry,
            outcome=services.Outcome.SPOIL,
            reason="Two ticks",
            idempotency_key=uuid.uuid4(),
        )
    assert Ballot.objects.count() == 1
    event = AuditEvent.objects.get(action="budgeting.paper.resolve")
    assert event.data["outcome"] == outcome.value


def test_a_spoilt_paper_says_why_and_is_not_counted(organisation: Organisation) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    entry, _first, _second = made.held(station)
    manager = made.staff(organisation)
    with pytest.raises(ValidationFailed, match="Say why"):
        services.paper_entry_resolve(
            actor=manager,
            entry=entry,
            outcome=services.Outcome.SPOIL,
            reason="  ",
            idempotency_key=uuid.uuid4(),
        )
    spoilt = services.paper_entry_resolve(
        actor=manager,
        entry=entry,
        outcome=services.Outcome.SPOIL,
        reason="Four projects ticked where three may be",
        idempotency_key=uuid.uuid4(),
    )
    assert spoilt.status == PaperEntry.Status.SPOILT
    assert spoilt.spoilt_reason == "Four projects ticked where three may be"
    assert not Ballot.objects.exists()


def test_neither_typist_nor_a_councillor_decides_a_held_paper(
    organisation: Organisation,
) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    entry, first, second = made.held(station)
    for typist in (first, second):
        with pytest.raises(NotPermitted, match="someone else must look at it"):
            services.paper_entry_resolve(
                actor=typist,
                entry=entry,
                outcome=services.Outcome.FIRST,
                idempotency_key=uuid.uuid4(),
            )
    with pytest.raises(NotPermitted):
        services.paper_entry_resolve(
            actor=made.staff(organisation, Role.COUNCILLOR),
            entry=entry,
            outcome=services.Outcome.FIRST,
            idempotency_key=uuid.uuid4(),
        )
    entry.refresh_from_db()
    assert entry.status == PaperEntry.Status.HELD
    assert not Ballot.objects.exists()


def test_a_paper_waiting_for_a_second_worker_is_not_decided(organisation: Organisation) -> None:
    station = made.station(budget_factories.voting_round(organisation))
    entry = made.entered(station, "A-1", [1])
    with pytest.raises(Conflict):
        services.paper_entry_resolve(
            actor=made.staff(organisation),
            entry=entry,
            outcome=services.Outcome.FIRST,
            idempotency_key=uuid.uuid4(),
        )
    assert not Ballot.objects.exists()


def test_a_held_paper_is_counted_after_voting_closes_until_the_round_is_sealed(
    organisation: Organisation,
) -> None:
    """A paper was cast before the close, so deciding it may go on after the station shuts;
    once the round is sealed, nothing more is counted."""
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    entry, _first, _second = made.held(station)
    later, _first, _second = made.held(station, number="B-2")
    Round.objects.filter(pk=round_.pk).update(voting_closes_at=timezone.now())
    entry.round.refresh_from_db()
    services.paper_entry_resolve(
        actor=made.staff(organisation),
        entry=entry,
        outcome=services.Outcome.FIRST,
        idempotency_key=uuid.uuid4(),
    )
    assert Ballot.objects.count() == 1
    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.COUNTING)
    later.round.refresh_from_db()
    with pytest.raises(Conflict, match="sealed"):
        services.paper_entry_resolve(
            actor=made.staff(organisation),
            entry=later,
            outcome=services.Outcome.FIRST,
            idempotency_key=uuid.uuid4(),
        )
    assert Ballot.objects.count() == 1


def test_a_station_s_voters_and_ballots_add_up(organisation: Organisation) -> None:
    """Tablets, papers typed twice and a held paper decided: one ballot each, none doubled."""
    round_ = budget_factories.voting_round(organisation)
    station = made.station(round_)
    worker, second = made.staff(organisation), made.staff(organisation)
    for n in range(3):
        checked = services.station_check_in(
            actor=worker, station=station, person=made.young(organisation), paper=False
        )
        key = uuid.uuid4()
        for _ in range(2):  # the button pressed twice
            services.kiosk_ballot_cast(
                actor=worker,
                participation=checked.participation,
                choices=[n + 1],
                idempotency_key=key,
            )
    for n in range(3):
        services.station_check_in(
            actor=worker, station=station, person=made.young(organisation), paper=True
        )
        entry = made.entered(station, f"P-{n}", [1, 3], by=worker)
        services.paper_ballot_confirm(actor=second, entry=entry, choices=[1, 3] if n else [3])
    held = PaperEntry.objects.get(status=PaperEntry.Status.HELD)
    services.paper_entry_resolve(
        actor=made.staff(organisation),
        entry=held,
        outcome=services.Outcome.FIRST,
        idempotency_key=uuid.uuid4(),
    )
    assert Participation.objects.filter(round=round_).count() == 6
    assert Ballot.objects.filter(round=round_, channel=Ballot.Channel.KIOSK).count() == 3
    assert Ballot.objects.filter(round=round_, channel=Ballot.Channel.PAPER).count() == 3
    assert sorted(Ballot.objects.values_list("paper_number", flat=True)) == [
        "",
        "",
        "",
        "P-0",
        "P-1",
        "P-2",
    ]
