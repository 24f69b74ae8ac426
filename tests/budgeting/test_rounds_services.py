"""Setting up a round: each section's checks, the settings fixed once voting opens, and the
stages in their order, one at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import Area, Round
from alongside.budgeting.services import AreaChange, BallotSettings, StageDates
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.budgeting import factories as made
from tests.initiatives import factories as initiative_factories

pytestmark = pytest.mark.django_db

Stage = Round.Stage


@pytest.fixture
def manager(organisation: Organisation) -> Any:
    return initiative_factories.manager_of(organisation)


@pytest.fixture
def round_(organisation: Organisation, manager: Any) -> Round:
    return made.round_(organisation, actor=manager, budget_pence=2_000_000)


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# About ---------------------------------------------------------------------------------------


def test_about_saves_the_name_summary_and_budget_and_records_it(round_, manager):
    saved = services.round_about_set(
        actor=manager, round_=round_, title="  Spend it  ", summary="What for.", budget_pence=3
    )
    assert (saved.title, saved.summary, saved.budget_pence) == ("Spend it", "What for.", 3)
    assert saved.setup_saved == ["about"]
    assert _events("budgeting.round.about") == 1


@pytest.mark.parametrize(
    ("title", "summary", "budget", "message"),
    [
        ("", "Why", 100, "Enter a name"),
        ("Name", "  ", 100, "Say what the round is for"),
        ("Name", "Why", 0, "at least 1p"),
        ("Name", "Why", 100_000_000_01, "£100,000,000 or less"),
    ],
)
def test_about_refuses_what_is_missing_or_out_of_range(
    round_, manager, unchanged, title, summary, budget, message
):
    with unchanged(), pytest.raises(ValidationFailed, match=message):
        services.round_about_set(
            actor=manager, round_=round_, title=title, summary=summary, budget_pence=budget
        )


def test_the_budget_cannot_drop_below_what_the_areas_are_given(round_, manager):
    services.round_areas_set(
        actor=manager,
        round_=round_,
        areas=[AreaChange("North", 1_200_000), AreaChange("South", 800_000)],
        area_voting="own",
    )
    with pytest.raises(ValidationFailed, match="add up to £20,000"):
        services.round_about_set(
            actor=manager, round_=round_, title="T", summary="S", budget_pence=1_999_999
        )


# Areas ---------------------------------------------------------------------------------------


def test_areas_with_budgets_that_fit_are_saved(round_, manager):
    saved = services.round_areas_set(
        actor=manager,
        round_=round_,
        areas=[AreaChange("North", 1_000_000), AreaChange("South", 1_000_000)],
        area_voting="every",
    )
    assert saved.area_voting == "every"
    assert dict(Area.objects.values_list("name", "budget_pence")) == {
        "North": 1_000_000,
        "South": 1_000_000,
    }
    assert "areas" in saved.setup_saved


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ([AreaChange("North", 1_500_000), AreaChange("South", 600_000)], "more than the round"),
        ([AreaChange("North", 100), AreaChange("South")], "or leave every area's budget empty"),
        ([AreaChange("North"), AreaChange("north ")], "a different name"),
        ([AreaChange("  ")], "Give every area a name"),
        ([AreaChange("North", 0)], "at least 1p"),
        ([AreaChange(f"Area {n}") for n in range(51)], "up to 50 areas"),
    ],
)
def test_areas_that_do_not_fit_are_refused(round_, manager, unchanged, areas, message):
    with unchanged(), pytest.raises(ValidationFailed, match=message):
        services.round_areas_set(actor=manager, round_=round_, areas=areas, area_voting="own")


def test_an_area_is_renamed_in_place_and_one_left_out_is_taken_off(round_, manager):
    services.round_areas_set(
        actor=manager,
        round_=round_,
        areas=[AreaChange("North"), AreaChange("South")],
        area_voting="own",
    )
    north = Area.objects.get(name="North")
    services.round_areas_set(
        actor=manager,
        round_=round_,
        areas=[AreaChange("Northside", pk=north.pk), AreaChange("East")],
        area_voting="own",
    )
    assert set(Area.objects.values_list("name", flat=True)) == {"Northside", "East"}
    assert Area.objects.get(name="Northside").pk == north.pk


def test_an_area_with_projects_cannot_be_taken_off(round_, manager):
    services.round_areas_set(
        actor=manager, round_=round_, areas=[AreaChange("North")], area_voting="own"
    )
    made.proposal(round_, 1, 100, area=Area.objects.get())
    with pytest.raises(ValidationFailed, match="North has projects"):
        services.round_areas_set(actor=manager, round_=round_, areas=[], area_voting="own")
    assert Area.objects.count() == 1


def test_an_area_from_elsewhere_is_refused(round_, manager, organisation):
    other = made.round_(organisation, actor=manager)
    services.round_areas_set(
        actor=manager, round_=other, areas=[AreaChange("North")], area_voting="own"
    )
    theirs = Area.objects.get()
    with pytest.raises(Conflict, match="changed while you were editing"):
        services.round_areas_set(
            actor=manager,
            round_=round_,
            areas=[AreaChange("Mine", pk=theirs.pk)],
            area_voting="own",
        )
    assert Area.objects.get().name == "North"


# Dates ---------------------------------------------------------------------------------------


def _at(days: int, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def test_dates_in_the_order_of_the_stages_are_saved(round_, manager):
    dates = StageDates(
        ideas_from=_day(1),
        feasibility_from=_day(10),
        proposals_from=_day(20),
        voting_opens_at=_at(30),
        voting_closes_at=_at(37, 17),
        results_on=_day(37),
        delivery_from=_day(60),
    )
    saved = services.round_dates_set(actor=manager, round_=round_, dates=dates)
    assert saved.voting_closes_at == _at(37, 17)
    assert saved.results_on == _day(37)
    assert "dates" in saved.setup_saved


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            StageDates(voting_opens_at=_at(5), voting_closes_at=_at(5)),
            "voting_closes",
            "close after",
        ),
        (
            StageDates(voting_opens_at=_at(5), voting_closes_at=_at(9), results_on=_day(8)),
            "results",
            "on or after the day voting closes",
        ),
        (
            StageDates(voting_opens_at=_at(5), voting_closes_at=_at(9), ideas_from=_day(6)),
            "voting_opens",
            "after the date ideas open",
        ),
        (
            StageDates(
                voting_opens_at=_at(5),
                voting_closes_at=_at(9),
                ideas_from=_day(3),
                feasibility_from=_day(2),
            ),
            "feasibility",
            "after the date ideas open",
        ),
        (
            StageDates(
                voting_opens_at=_at(5),
                voting_closes_at=_at(9),
                results_on=_day(10),
                delivery_from=_day(9),
            ),
            "delivery",
            "after the date the results are published",
        ),
    ],
)
def test_dates_out_of_order_are_refused_on_the_date_that_is_wrong(
    round_, manager, unchanged, dates, field, message
):
    with unchanged(), pytest.raises(ValidationFailed, match=message) as refused:
        services.round_dates_set(actor=manager, round_=round_, dates=dates)
    assert refused.value.field == field


# Eligibility ---------------------------------------------------------------------------------


def test_eligibility_ages_from_5_to_25_with_the_youngest_first(round_, manager, unchanged):
    saved = services.round_eligibility_set(
        actor=manager, round_=round_, min_age=5, max_age=25, members_only=False
    )
    assert (saved.min_age, saved.max_age, saved.members_only) == (5, 25, False)
    with unchanged():
        for low, high, message in (
            (4, 19, "from 5 to 25"),
            (11, 26, "from 5 to 25"),
            (16, 15, "same as or less"),
        ):
            with pytest.raises(ValidationFailed, match=message):
                services.round_eligibility_set(
                    actor=manager, round_=round_, min_age=low, max_age=high, members_only=True
                )


# The ballot ----------------------------------------------------------------------------------


def _ballot(**kwargs: Any) -> BallotSettings:
    values: dict[str, Any] = {
        "ballot_kind": "choose_up_to",
        "rule": "mes",
        "completion": "add1",
        "ballots_can_change": True,
        "max_choices": 4,
    }
    return BallotSettings(**(values | kwargs))


def test_a_ballot_keeps_only_the_numbers_its_kind_uses(round_, manager):
    saved = services.round_ballot_set(
        actor=manager, round_=round_, settings=_ballot(points_to_share=10)
    )
    assert (saved.max_choices, saved.points_to_share) == (4, None)
    saved = services.round_ballot_set(
        actor=manager,
        round_=round_,
        settings=_ballot(ballot_kind="points", points_to_share=10),
    )
    assert (saved.max_choices, saved.points_to_share) == (None, 10)
    assert saved.ballots_can_change
    assert _events("budgeting.round.ballot") == 2


def test_most_votes_first_has_nothing_to_complete(round_, manager):
    saved = services.round_ballot_set(
        actor=manager, round_=round_, settings=_ballot(rule="greedy", completion="add1-greedy")
    )
    assert (saved.rule, saved.completion) == ("greedy", "none")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (_ballot(max_choices=None), "how many projects"),
        (_ballot(ballot_kind="rank", max_choices=0), "how many projects"),
        (_ballot(ballot_kind="rank", max_choices=101), "from 1 to 100"),
        (_ballot(ballot_kind="points"), "how many points"),
        (_ballot(ballot_kind="points", points_to_share=1001), "from 1 to 1000"),
        (_ballot(ballot_kind="lottery"), "how young people vote"),
        (_ballot(rule="dice"), "how the votes are counted"),
        (_ballot(completion="more"), "money Equal Shares leaves"),
    ],
)
def test_a_ballot_that_does_not_fit_together_is_refused(
    round_, manager, unchanged, settings, message
):
    with unchanged(), pytest.raises(ValidationFailed, match=message):
        services.round_ballot_set(actor=manager, round_=round_, settings=settings)


# Proposers -----------------------------------------------------------------------------------


def test_someone_must_be_able_to_propose(round_, manager, unchanged):
    saved = services.round_proposers_set(
        actor=manager, round_=round_, young_people=False, groups=False, organisations=True
    )
    assert (saved.young_people_may_propose, saved.organisations_may_propose) == (False, True)
    with unchanged(), pytest.raises(ValidationFailed, match="at least one"):
        services.round_proposers_set(
            actor=manager, round_=round_, young_people=False, groups=False, organisations=False
        )


# Who may, and when ---------------------------------------------------------------------------


def test_a_councillor_may_not_change_a_round(round_, organisation, unchanged):
    councillor = factories.actor(factories.person_with_role(Role.COUNCILLOR, organisation))
    with unchanged(), pytest.raises(NotPermitted):
        services.round_eligibility_set(
            actor=councillor, round_=round_, min_age=11, max_age=19, members_only=True
        )
    with unchanged(), pytest.raises(NotPermitted):
        services.round_stage_move(actor=councillor, round_=round_, to=Stage.RULES)


def test_every_section_is_fixed_once_voting_opens(organisation, manager, unchanged):
    voting = made.voting_round(organisation)
    attempts = [
        lambda: services.round_about_set(
            actor=manager, round_=voting, title="New", summary="New", budget_pence=1
        ),
        lambda: services.round_areas_set(
            actor=manager, round_=voting, areas=[AreaChange("North")], area_voting="own"
        ),
        lambda: services.round_dates_set(
            actor=manager,
            round_=voting,
            dates=StageDates(voting_opens_at=_at(1), voting_closes_at=_at(2)),
        ),
        lambda: services.round_eligibility_set(
            actor=manager, round_=voting, min_age=5, max_age=25, members_only=False
        ),
        lambda: services.round_ballot_set(actor=manager, round_=voting, settings=_ballot()),
        lambda: services.round_proposers_set(
            actor=manager, round_=voting, young_people=True, groups=False, organisations=False
        ),
    ]
    with unchanged():
        for attempt in attempts:
            with pytest.raises(Conflict, match="Voting has opened"):
                attempt()


def test_a_section_reads_the_round_afresh_under_its_lock(round_, manager, organisation):
    # Given a round that moved to voting after this copy of it was read
    stale = Round.objects.get(pk=round_.pk)
    made.set_up(round_, actor=manager)
    made.move_to(round_, Stage.PROPOSALS, actor=manager)
    made.proposal(round_, 1, 100)
    made.proposal(round_, 2, 100)
    services.round_dates_set(
        actor=manager,
        round_=round_,
        dates=StageDates(voting_opens_at=_at(-1), voting_closes_at=_at(3)),
    )
    services.round_stage_move(actor=manager, round_=round_, to=Stage.VOTING)
    assert stale.stage == Stage.SETUP
    # When the old copy is changed, Then the locked row's stage decides
    with pytest.raises(Conflict, match="Voting has opened"):
        services.round_eligibility_set(
            actor=manager, round_=stale, min_age=5, max_age=25, members_only=False
        )


# Stages --------------------------------------------------------------------------------------


def test_the_rules_are_agreed_only_when_every_section_is_saved(round_, manager, unchanged):
    services.round_about_set(actor=manager, round_=round_, title="T", summary="S", budget_pence=9)
    with unchanged(), pytest.raises(ValidationFailed, match="Areas, Dates, Who can vote"):
        services.round_stage_move(actor=manager, round_=round_, to=Stage.RULES)
    made.set_up(round_, actor=manager)
    moved = services.round_stage_move(actor=manager, round_=round_, to=Stage.RULES)
    assert moved.stage == Stage.RULES
    event = AuditEvent.objects.get(action="budgeting.round.stage")
    assert event.data == {"from": "setup", "to": "rules"}


def test_stages_move_one_at_a_time_in_order(round_, manager, unchanged):
    made.set_up(round_, actor=manager)
    with unchanged(), pytest.raises(Conflict, match="can only move to 'Rules agreed' next"):
        services.round_stage_move(actor=manager, round_=round_, to=Stage.IDEAS)
    for stage in (Stage.RULES, Stage.IDEAS, Stage.FEASIBILITY, Stage.PROPOSALS):
        round_ = services.round_stage_move(actor=manager, round_=round_, to=stage)
        assert round_.stage == stage
    with pytest.raises(Conflict, match="can only move to 'Voting' next"):
        services.round_stage_move(actor=manager, round_=round_, to=Stage.RESULTS)


def test_the_same_move_sent_twice_moves_once(round_, manager):
    made.set_up(round_, actor=manager)
    stale = Round.objects.get(pk=round_.pk)
    services.round_stage_move(actor=manager, round_=round_, to=Stage.RULES)
    again = services.round_stage_move(actor=manager, round_=stale, to=Stage.RULES)
    assert again.stage == Stage.RULES
    assert _events("budgeting.round.stage") == 1


def test_voting_needs_two_projects_going_forward_and_a_closing_time_to_come(
    round_, manager, unchanged
):
    made.set_up(round_, actor=manager, voting_opens_at=_at(-3), voting_closes_at=_at(-1))
    round_ = made.move_to(round_, Stage.PROPOSALS, actor=manager)
    made.proposal(round_, 1, 100)
    with unchanged(), pytest.raises(ValidationFailed) as refused:
        services.round_stage_move(actor=manager, round_=round_, to=Stage.VOTING)
    assert (
        "At least 2 projects must be going forward to the vote (1 is now)." in refused.value.message
    )
    assert "The date voting closes has passed." in refused.value.message
    made.proposal(round_, 2, 100)
    services.round_dates_set(
        actor=manager,
        round_=round_,
        dates=StageDates(voting_opens_at=_at(-1), voting_closes_at=_at(2)),
    )
    assert services.round_stage_move(actor=manager, round_=round_, to=Stage.VOTING).stage == (
        Stage.VOTING
    )


def test_moving_on_from_voting_is_not_set_ups_to_do(organisation, manager):
    voting = made.voting_round(organisation)
    with pytest.raises(Conflict, match="count and results move it on"):
        services.round_stage_move(actor=manager, round_=voting, to=Stage.COUNTING)


def test_the_voting_round_builder_goes_through_the_services(organisation):
    voting = made.voting_round(organisation, max_age=25, ballots_can_change=True)
    assert voting.stage == Stage.VOTING
    assert (voting.max_age, voting.ballots_can_change, voting.max_choices) == (25, True, 3)
    assert voting.setup_saved == list(services.rounds.SECTIONS)
    assert services.voting_open(voting, timezone.now())
    assert _events("budgeting.round.stage") == 5
