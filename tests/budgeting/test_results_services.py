"""Closing a round seals its ballots; the count task counts the sealed file; publishing
records each funded project as a Decision citing the ideas it came from."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import selectors_results, services, tasks
from alongside.budgeting.counting import ballot_file_id, seal_of, sha256_text
from alongside.budgeting.models import (
    Area,
    Ballot,
    PaperEntry,
    PollingStation,
    Result,
    Round,
    SealedFile,
)
from alongside.core.audit import AuditEvent
from alongside.core.errors import Conflict, NotPermitted
from alongside.decisions.models import Citation, Decision
from tests import factories
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_results as built

pytestmark = pytest.mark.django_db

State = Round.TallyState


def test_closing_seals_the_counted_ballots_and_queues_the_count(
    organisation: Organisation, django_capture_on_commit_callbacks
) -> None:
    round_ = built.round_with_ballots(organisation)
    codes = list(Ballot.objects.values_list("receipt_code", flat=True))

    with django_capture_on_commit_callbacks(execute=True) as queued:
        closed = services.round_close(actor=built.staff(organisation), round_=round_)

    assert len(queued) == 1
    file = SealedFile.objects.get(round=round_)
    assert closed.seal == file.sha256 == sha256_text(file.text)
    assert closed.stage == Round.Stage.COUNTING
    assert closed.sealed_at is not None
    assert all(ballot_file_id(code) in file.text and code not in file.text for code in codes)
    assert f"num_votes;{len(codes)}\n" in file.text
    round_.refresh_from_db()
    assert round_.tally_state == State.DONE  # the queued count ran once the close committed
    event = AuditEvent.objects.get(action="budgeting.round.close")
    assert event.data["seal"] == closed.seal
    assert event.data["ballots"] == len(codes)


def test_closing_twice_seals_once(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation)
    first = services.round_close(actor=built.staff(organisation), round_=round_)
    again = services.round_close(actor=built.staff(organisation), round_=round_)
    assert again.seal == first.seal
    assert SealedFile.objects.count() == 1
    assert AuditEvent.objects.filter(action="budgeting.round.close").count() == 1


def test_a_round_not_yet_voting_cannot_close(organisation: Organisation) -> None:
    round_ = budget_factories.round_(organisation)
    with pytest.raises(Conflict, match="Voting has not started"):
        services.round_close(actor=built.staff(organisation), round_=round_)


def test_a_young_person_cannot_close_a_round(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[1]])
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        services.round_close(actor=young, round_=round_)
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.VOTING
    assert not round_.seal


def test_no_ballot_is_taken_once_a_round_has_closed(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[1]])
    services.round_close(actor=built.staff(organisation), round_=round_)
    with pytest.raises(Conflict, match="not open"):
        built.vote(round_, [2])
    assert Ballot.objects.count() == 1


def test_a_changed_ballot_counts_only_in_its_last_form(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[], ballots_can_change=True)
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    for choices in ([1], [3]):
        services.ballot_cast(
            actor=factories.actor(person),
            round_=round_,
            choices=choices,
            idempotency_key=uuid.uuid4(),
        )
    services.round_close(actor=built.staff(organisation), round_=round_)
    text = SealedFile.objects.get().text
    assert text.endswith(";3\n")
    assert "num_votes;1\n" in text


def _paper(round_: Round, number: str, *, second: list[int] | None) -> PaperEntry:
    organisation = round_.organisation
    now = timezone.now()
    station = PollingStation.objects.create(
        round=round_,
        name=f"Youth club {number}",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=1),
    )
    entry = services.paper_ballot_enter(
        actor=built.staff(organisation),
        station=station,
        paper_number=number,
        choices=[1],
        idempotency_key=uuid.uuid4(),
    )
    if second is not None:
        entry = services.paper_ballot_confirm(
            actor=built.staff(organisation), entry=entry, choices=second
        )
    return entry


def _decide(entry: PaperEntry, outcome: services.Outcome) -> PaperEntry:
    return services.paper_entry_resolve(
        actor=built.staff(entry.round.organisation),
        entry=entry,
        outcome=outcome,
        reason="Three projects were marked." if outcome is services.Outcome.SPOIL else "",
        idempotency_key=uuid.uuid4(),
    )


def test_voting_closes_only_once_every_paper_is_settled(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[2]])
    _paper(round_, "P-1", second=[1])
    held = _paper(round_, "P-2", second=[3])  # the two typings differ
    waiting = _paper(round_, "P-3", second=None)  # not typed a second time yet

    with pytest.raises(Conflict, match="2 paper ballots are still waiting"):
        services.round_close(actor=built.staff(organisation), round_=round_)
    assert not SealedFile.objects.exists()

    _decide(held, services.Outcome.SPOIL)
    services.paper_ballot_confirm(actor=built.staff(organisation), entry=waiting, choices=[1])
    services.round_close(actor=built.staff(organisation), round_=round_)
    assert "num_votes;3\n" in SealedFile.objects.get().text
    not_counted = selectors_results.uncounted_papers(round_=round_)
    assert [(p.paper_number, p.status) for p in not_counted] == [("P-2", "spoilt")]


def test_a_held_paper_decided_as_first_typed_is_sealed_in(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[])
    _decide(_paper(round_, "P-9", second=[3]), services.Outcome.FIRST)
    services.round_close(actor=built.staff(organisation), round_=round_)
    assert SealedFile.objects.get().text.endswith(";1\n")


def test_sealing_the_same_ballots_twice_makes_the_same_seal(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation)
    when = timezone.now()
    first = selectors_results.files_from_ballots(round_=round_, sealed_at=when)
    second = selectors_results.files_from_ballots(round_=round_, sealed_at=when)
    assert [f.text for f in first] == [f.text for f in second]
    services.round_close(actor=built.staff(organisation), round_=round_)
    round_.refresh_from_db()
    assert round_.sealed_at is not None
    again = selectors_results.files_from_ballots(round_=round_, sealed_at=round_.sealed_at)
    assert seal_of({f.area_name: f.sha256 for f in again}) == round_.seal


def _areas(organisation: Organisation, **settings: object) -> tuple[Round, Area, Area]:
    round_ = budget_factories.round_(organisation)
    north = Area.objects.create(round=round_, name="North", budget_pence=2_000_000)
    south = Area.objects.create(round=round_, name="South", budget_pence=3_000_000)
    budget_factories.proposal(round_, 1, 1_000_000, area=north)
    budget_factories.proposal(round_, 2, 1_500_000, area=north)
    budget_factories.proposal(round_, 3, 2_500_000, area=south)
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.VOTING,
        voting_opens_at=now - dt.timedelta(hours=1),
        voting_closes_at=now + dt.timedelta(days=1),
        max_choices=3,
        **settings,
    )
    round_.refresh_from_db()
    return round_, north, south


def test_areas_with_their_own_budgets_have_a_file_each(organisation: Organisation) -> None:
    round_, north, south = _areas(organisation)
    built.vote(round_, [1, 2], area=north)
    built.vote(round_, [3], area=south)
    built.vote(round_, [3], area=south)

    closed = built.count(services.round_close(actor=built.staff(organisation), round_=round_))

    files = {f.area_name: f for f in SealedFile.objects.all()}
    assert set(files) == {"North", "South"}
    assert "budget;20000\n" in files["North"].text
    assert "num_votes;1\n" in files["North"].text
    assert "num_votes;2\n" in files["South"].text
    assert closed.seal == sha256_text(
        f"North\t{files['North'].sha256}\nSouth\t{files['South'].sha256}\n"
    )
    results = {r.area.name: r for r in Result.objects.select_related("area")}
    assert results["North"].budget_pence == 2_000_000
    assert results["North"].file_sha256 == files["North"].sha256
    assert results["South"].selected == [3]
    assert closed.tally_progress == 100


def test_a_ballot_across_areas_counts_its_choices_in_each(organisation: Organisation) -> None:
    round_, _, _ = _areas(organisation, area_voting=Round.AreaVoting.EVERY)
    built.vote(round_, [1, 3])
    services.round_close(actor=built.staff(organisation), round_=round_)
    files = {f.area_name: f.text for f in SealedFile.objects.all()}
    assert files["North"].endswith(";1\n")
    assert files["South"].endswith(";3\n")


def test_some_areas_with_budgets_and_some_without_cannot_be_sealed(
    organisation: Organisation,
) -> None:
    round_, _, _ = _areas(organisation)
    Area.objects.create(round=round_, name="West")
    with pytest.raises(Conflict, match="Give every area its part"):
        services.round_close(actor=built.staff(organisation), round_=round_)
    assert not SealedFile.objects.exists()


# The schedule ----------------------------------------------------------------------------------


def test_close_due_closes_only_rounds_whose_time_is_up_and_only_once(
    organisation: Organisation, capsys
) -> None:
    due = built.round_with_ballots(organisation, ballots=[[1]])
    later = built.round_with_ballots(organisation, ballots=[[2]])
    now = timezone.now()
    Round.objects.filter(pk=due.pk).update(
        voting_opens_at=now - dt.timedelta(days=2), voting_closes_at=now - dt.timedelta(days=1)
    )

    call_command("budget", "close-due")
    call_command("budget", "close-due")

    due.refresh_from_db()
    later.refresh_from_db()
    assert due.stage == Round.Stage.COUNTING
    assert due.seal
    assert later.stage == Round.Stage.VOTING
    out = capsys.readouterr().out
    assert f"Closed {due.public_id}" in out
    assert out.count("Closed ") == 1
    assert "0 rounds closed." in out
    event = AuditEvent.objects.get(action="budgeting.round.close")
    assert event.actor_id is None
    assert event.data["on_schedule"] is True


def test_close_due_waits_for_the_papers_to_be_settled(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[1]])
    waiting = _paper(round_, "P-5", second=None)
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        voting_opens_at=now - dt.timedelta(days=2), voting_closes_at=now - dt.timedelta(hours=1)
    )
    assert services.round_close_due() == []
    # Typing it in may go on after the closing time, until the round is sealed
    services.paper_ballot_confirm(actor=built.staff(organisation), entry=waiting, choices=[1])
    assert [r.pk for r in services.round_close_due()] == [round_.pk]
    assert "num_votes;2\n" in SealedFile.objects.get().text


def test_a_round_that_cannot_close_does_not_keep_the_others_open(
    organisation: Organisation, caplog
) -> None:
    broken, _, _ = _areas(organisation)
    Area.objects.create(round=broken, name="West")  # no budget of its own: cannot be sealed
    fine = built.round_with_ballots(organisation, ballots=[[1]])
    past = timezone.now() - dt.timedelta(minutes=1)
    Round.objects.filter(pk__in=[broken.pk, fine.pk]).update(
        voting_opens_at=past - dt.timedelta(days=1), voting_closes_at=past
    )
    with caplog.at_level(logging.WARNING, logger="alongside.budgeting.services.results"):
        closed = services.round_close_due()
    assert [r.pk for r in closed] == [fine.pk]
    assert "Give every area its part" in caplog.text
    broken.refresh_from_db()
    assert broken.stage == Round.Stage.VOTING


# The count -------------------------------------------------------------------------------------


def test_the_count_writes_a_result_and_running_it_twice_changes_nothing(
    organisation: Organisation,
) -> None:
    round_ = built.counted_round(organisation)
    first = Result.objects.get(round=round_)
    Round.objects.filter(pk=round_.pk).update(tally_state=State.QUEUED)

    built.count(round_)
    built.count(round_)

    again = Result.objects.get(round=round_)
    assert again.pk == first.pk
    assert again.selected == first.selected == [1, 2]
    assert again.greedy_selected == [1, 3]
    assert again.ballots_counted == len(built.BALLOTS)
    assert again.file_sha256 == round_.seal
    assert again.projects["3"]["reason"] == "shares-too-small"
    assert again.projects["1"]["cost_pence"] == 1_000_000
    round_.refresh_from_db()
    assert (round_.tally_state, round_.tally_progress) == (State.DONE, 100)


def test_a_failed_count_is_logged_and_can_be_tried_again(
    organisation: Organisation, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    round_ = built.round_with_ballots(organisation)
    services.round_close(actor=built.staff(organisation), round_=round_)

    def broken(*args: object, **kwargs: object) -> None:
        raise ArithmeticError("the engine fell over")

    monkeypatch.setattr(selectors_results, "count_file", broken)
    with caplog.at_level(logging.ERROR, logger="alongside.budgeting.tasks"):
        failed = built.count(round_)
    assert failed.tally_state == State.FAILED
    assert "the engine fell over" in caplog.text
    assert not Result.objects.exists()
    built.count(round_)  # a failed count waits to be asked again
    assert not Result.objects.exists()

    monkeypatch.undo()
    queued = services.round_count_retry(actor=built.staff(organisation), round_=round_)
    assert queued.tally_state == State.QUEUED
    assert built.count(round_).tally_state == State.DONE
    assert Result.objects.count() == 1
    assert AuditEvent.objects.filter(action="budgeting.round.count_retry").count() == 1


def test_trying_again_a_count_that_did_not_fail_does_nothing(organisation: Organisation) -> None:
    round_ = built.counted_round(organisation)
    again = services.round_count_retry(actor=built.staff(organisation), round_=round_)
    assert again.tally_state == State.DONE
    assert not AuditEvent.objects.filter(action="budgeting.round.count_retry").exists()


# Publishing ------------------------------------------------------------------------------------


def test_publishing_waits_for_the_count(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation)
    services.round_close(actor=built.staff(organisation), round_=round_)
    with pytest.raises(Conflict, match="once the ballots have been counted"):
        services.round_publish(actor=built.staff(organisation), round_=round_)


def test_publishing_records_each_funded_project_as_a_decision_citing_its_ideas(
    organisation: Organisation,
) -> None:
    round_ = built.counted_round(organisation)

    published = services.round_publish(actor=built.staff(organisation), round_=round_)

    assert published.stage == Round.Stage.RESULTS
    assert published.published_at is not None
    decisions = {d.subject_id: d for d in Decision.objects.all()}
    funded = {p.number: p for p in round_.proposals.filter(number__in=[1, 2])}
    assert set(decisions) == {str(p.public_id) for p in funded.values()}
    first = decisions[str(funded[1].public_id)]
    assert first.subject_type == "budgeting.proposal"
    assert first.title == "Funded: Project 1"
    assert first.decided_by == f"Young people of {organisation.name} in {round_.title}"
    assert first.initiative_id == round_.initiative_id
    assert "£10,000" in first.what_changed
    assert "5 young people voted for it" in first.what_changed
    cited = Citation.objects.filter(decision=first).values_list("contribution__text", flat=True)
    assert list(cited) == ["Please can we have project 1"]  # not the hidden one
    assert AuditEvent.objects.filter(action="budgeting.round.publish").count() == 1


def test_publishing_again_makes_no_second_decision(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    services.round_publish(actor=built.staff(organisation), round_=round_)
    Round.objects.filter(pk=round_.pk).update(published_at=None, stage=Round.Stage.COUNTING)
    round_.refresh_from_db()
    services.round_publish(actor=built.staff(organisation), round_=round_)  # another worker
    assert Decision.objects.count() == 2
    assert AuditEvent.objects.filter(action="budgeting.round.publish").count() == 2


def test_a_round_moves_on_to_delivery_then_closes(organisation: Organisation) -> None:
    round_ = built.published_round(organisation)
    actor = built.staff(organisation)
    with pytest.raises(Conflict, match="cannot move"):
        services.round_finish(actor=actor, round_=round_)
    assert services.round_deliver(actor=actor, round_=round_).stage == Round.Stage.DELIVERY
    assert services.round_deliver(actor=actor, round_=round_).stage == Round.Stage.DELIVERY
    assert services.round_finish(actor=actor, round_=round_).stage == Round.Stage.CLOSED
    assert services.round_finish(actor=actor, round_=round_).stage == Round.Stage.CLOSED
    assert (
        AuditEvent.objects.filter(
            action__in=["budgeting.round.deliver", "budgeting.round.finish"]
        ).count()
        == 2
    )


def test_the_count_task_ignores_a_round_that_was_never_sealed(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[1]])
    tasks.round_count.call(round_id=round_.pk)
    tasks.round_count.call(round_id=0)
    round_.refresh_from_db()
    assert round_.tally_state == State.NOT_STARTED
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("settings", "ballots"),
    [
        ({"ballot_kind": Round.BallotKind.POINTS, "points_to_share": 10}, [([1, 2], [7, 3])]),
        ({"ballot_kind": Round.BallotKind.RANK}, [([3, 1], None), ([2], None)]),
        ({"ballot_kind": Round.BallotKind.APPROVAL_WITHIN_BUDGET}, [([1, 3], None)]),
        ({"rule": Round.Rule.GREEDY}, [([2], None)]),
    ],
    ids=["points", "rank", "approval-within-budget", "greedy"],
)
def test_every_kind_of_ballot_seals_counts_and_verifies(
    organisation: Organisation,
    settings: dict[str, object],
    ballots: list[tuple[list[int], list[int] | None]],
) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[], **settings)
    for choices, points in ballots:
        person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
        services.ballot_cast(
            actor=factories.actor(person),
            round_=round_,
            choices=choices,
            points=points,
            idempotency_key=uuid.uuid4(),
        )
    services.round_close(actor=built.staff(organisation), round_=round_)
    counted = built.count(round_)
    assert counted.tally_state == State.DONE
    services.round_publish(actor=built.staff(organisation), round_=counted)
    assert selectors_results.round_differences(round_=counted) == []
    text = SealedFile.objects.get().text
    if points:
        assert text.endswith(";1,2;7,3\n")
    if settings.get("ballot_kind") == Round.BallotKind.RANK:
        assert ";3,1\n" in text  # the order kept


def test_a_round_nobody_voted_in_seals_and_counts(organisation: Organisation) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[])
    services.round_close(actor=built.staff(organisation), round_=round_)
    counted = built.count(round_)
    assert counted.tally_state == State.DONE
    assert Result.objects.get().ballots_counted == 0
    services.round_publish(actor=built.staff(organisation), round_=counted)
    decision = Decision.objects.order_by("pk").first()
    assert decision is not None  # the completion funds what fits, voted for or not
    assert "Nobody voted for it, but it fit in the money left over." in decision.what_changed
