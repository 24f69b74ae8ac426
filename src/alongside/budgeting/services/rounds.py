"""Setting up a youth budget round and moving it through its stages. A round is part of a
co-prioritisation initiative of the same organisation: that is where its ideas are given and
where its decisions appear.

Each group of settings on the set-up task list is saved by one function here, which checks
it, locks the round's row, records the section as saved and writes one audit event. Once
voting has opened the settings are fixed: the rules voters read must be the rules that count.
Stages move one step at a time, under the same lock, each with what it needs checked there.
Moving on from voting (closing, counting, results, delivery) belongs to the results services.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.budgeting import selectors
from alongside.budgeting.models import Area, Round
from alongside.budgeting.permissions import ROUND_MANAGE
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, ValidationFailed
from alongside.core.idempotency import create_once
from alongside.core.limits import column_length
from alongside.core.money import format_pence as money
from alongside.initiatives.models import Initiative
from alongside.initiatives.selectors import initiative_has_form

MAX_BUDGET_PENCE = 100_000_000_00  # £100 million: a typing slip, not a youth budget, above it
MIN_AGE, MAX_AGE = 5, 25
MAX_CHOICES = 100
MAX_POINTS = 1000
MAX_AREAS = 50
FEASIBLE_TO_VOTE = 2

Stage = Round.Stage

# The sections of the set-up task list, in the order the page shows them.
SECTIONS = ("about", "areas", "dates", "eligibility", "ballot", "proposers")

# From voting on, the settings are the rules being counted by.
SETTINGS_FIXED = frozenset(
    {Stage.VOTING, Stage.COUNTING, Stage.RESULTS, Stage.DELIVERY, Stage.CLOSED}
)
SETTINGS_LOCKED = (
    "Voting has opened, so the round's settings cannot change now. The rules young people "
    "vote by are the rules their votes are counted by."
)

# The moves set-up makes, one step at a time.
NEXT_STAGE = {
    Stage.SETUP: Stage.RULES,
    Stage.RULES: Stage.IDEAS,
    Stage.IDEAS: Stage.FEASIBILITY,
    Stage.FEASIBILITY: Stage.PROPOSALS,
    Stage.PROPOSALS: Stage.VOTING,
}


def check_budget(budget_pence: int) -> int:
    if budget_pence < 1:
        raise ValidationFailed("Enter a budget of at least 1p.", field="budget")
    if budget_pence > MAX_BUDGET_PENCE:
        raise ValidationFailed("Enter a budget of £100,000,000 or less.", field="budget")
    return budget_pence


def _title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationFailed("Enter a name for the round.", field="title")
    if len(title) > column_length(Round, "title"):
        raise ValidationFailed("Use 120 characters or fewer for the name.", field="title")
    return title


@transaction.atomic
def round_create(
    *,
    actor: Actor,
    organisation: Organisation,
    initiative: Initiative,
    title: str,
    budget_pence: int,
    idempotency_key: uuid.UUID,
) -> Round:
    """Start setting up a round. Staff see it until its rules are agreed."""
    require(actor, ROUND_MANAGE, organisation)
    title = _title(title)
    if initiative.organisation_id != organisation.pk:
        raise ValidationFailed("Choose one of this organisation's initiatives.", field="initiative")
    if not initiative_has_form(initiative=initiative, code="co-prioritisation"):
        raise ValidationFailed(
            "Choose an initiative whose forms of co-production include co-prioritisation.",
            field="initiative",
        )
    check_budget(budget_pence)

    def create() -> Round:
        round_ = Round.objects.create(
            organisation=organisation,
            initiative=initiative,
            title=title,
            budget_pence=budget_pence,
            idempotency_key=idempotency_key,
        )
        audit_record(
            action="budgeting.round.create",
            summary="Started setting up a youth budget round",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=round_,
        )
        return round_

    round_, _ = create_once(
        Round,
        idempotency_key=idempotency_key,
        create=create,
        same=lambda earlier: earlier.organisation_id == organisation.pk and earlier.title == title,
    )
    return round_


# The set-up task list ------------------------------------------------------------------------


def _editable(actor: Actor, round_: Round) -> Round:
    """The round's row, locked until the transaction ends, if its settings may still change."""
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if locked.stage in SETTINGS_FIXED:
        raise Conflict(SETTINGS_LOCKED)
    return locked


def _save(
    actor: Actor,
    locked: Round,
    section: str,
    fields: Sequence[str],
    summary: str,
    data: dict[str, Any] | None = None,
) -> Round:
    saved = set(locked.setup_saved) | {section}
    locked.setup_saved = [name for name in SECTIONS if name in saved]
    locked.save(update_fields=[*fields, "setup_saved", "updated_at"])
    audit_record(
        action=f"budgeting.round.{section}",
        summary=summary,
        actor_id=actor.person_id,
        organisation_id=locked.organisation_id,
        target=locked,
        data=data,
    )
    return locked


def _areas_total(round_: Round) -> int:
    return sum(area.budget_pence or 0 for area in selectors.areas_of(round_=round_))


@transaction.atomic
def round_about_set(
    *, actor: Actor, round_: Round, title: str, summary: str, budget_pence: int
) -> Round:
    """What the round is called, what it is for, and how much money it shares out."""
    locked = _editable(actor, round_)
    locked.title = _title(title)
    summary = summary.strip()
    if not summary:
        raise ValidationFailed("Say what the round is for.", field="summary")
    if len(summary) > column_length(Round, "summary"):
        raise ValidationFailed("Use 2,000 characters or fewer.", field="summary")
    locked.summary = summary
    locked.budget_pence = check_budget(budget_pence)
    areas_total = _areas_total(locked)
    if areas_total > budget_pence:
        raise ValidationFailed(
            f"The areas' own budgets add up to {money(areas_total)}, more than this. Make the "
            f"budget at least {money(areas_total)}, or lower the areas' budgets first.",
            field="budget",
        )
    return _save(
        actor,
        locked,
        "about",
        ["title", "summary", "budget_pence"],
        "Changed what a youth budget round is and its budget",
        {"budget_pence": budget_pence},
    )


@dataclass(frozen=True)
class AreaChange:
    """One area as the areas page sent it: ``pk`` for one already there, else None."""

    name: str
    budget_pence: int | None = None
    pk: int | None = None


def _check_areas(round_: Round, areas: Sequence[AreaChange]) -> list[AreaChange]:
    if len(areas) > MAX_AREAS:
        raise ValidationFailed(f"A round can have up to {MAX_AREAS} areas.", field="areas")
    cleaned = [AreaChange(a.name.strip(), a.budget_pence, a.pk) for a in areas]
    longest = column_length(Area, "name")
    names = [a.name.casefold() for a in cleaned]
    if any(not a.name for a in cleaned):
        raise ValidationFailed("Give every area a name.", field="areas")
    if any(len(a.name) > longest for a in cleaned):
        raise ValidationFailed(f"Use {longest} characters or fewer for each area's name.")
    if len(set(names)) != len(names):
        raise ValidationFailed("Give each area a different name.", field="areas")
    budgets = [a.budget_pence for a in cleaned]
    if any(b is not None for b in budgets) and any(b is None for b in budgets):
        raise ValidationFailed(
            "Give every area its own budget, or leave every area's budget empty.",
            field="areas",
        )
    if any(b is not None and b < 1 for b in budgets):
        raise ValidationFailed("Give each area a budget of at least 1p.", field="areas")
    total = sum(b or 0 for b in budgets)
    if total > round_.budget_pence:
        raise ValidationFailed(
            f"The areas' budgets add up to {money(total)}, more than the round's budget of "
            f"{money(round_.budget_pence)}. Lower them so they add up to no more than it.",
            field="areas",
        )
    return cleaned


@transaction.atomic
def round_areas_set(
    *, actor: Actor, round_: Round, areas: Sequence[AreaChange], area_voting: str
) -> Round:
    """The schools, wards or youth clubs the round is shared across, each with an optional
    part of the budget (together no more than the budget), and whether voters vote in their
    own area or in every area. An area already given projects cannot be taken off."""
    locked = _editable(actor, round_)
    if area_voting not in Round.AreaVoting.values:
        raise ValidationFailed("Choose where young people vote.", field="area_voting")
    wanted = _check_areas(locked, areas)
    existing = {area.pk: area for area in selectors.areas_of(round_=locked)}
    if any(a.pk is not None and a.pk not in existing for a in wanted):
        raise Conflict("The areas changed while you were editing them. Go back and try again.")
    kept = {a.pk for a in wanted if a.pk is not None}
    for pk, area in existing.items():
        if pk in kept:
            continue
        try:
            with transaction.atomic():
                area.delete()
        except ProtectedError:
            raise ValidationFailed(
                f"{area.name} has projects, so it cannot be taken off. Keep it, or move its "
                "projects to another area first.",
                field="areas",
            ) from None
    try:
        with transaction.atomic():
            for change in wanted:
                if change.pk is None:
                    Area.objects.create(
                        round=locked, name=change.name, budget_pence=change.budget_pence
                    )
                    continue
                area = existing[change.pk]
                if (area.name, area.budget_pence) != (change.name, change.budget_pence):
                    area.name, area.budget_pence = change.name, change.budget_pence
                    area.save(update_fields=["name", "budget_pence", "updated_at"])
    except IntegrityError:
        # Two areas swapping names collide on the way; a name is kept once per round.
        raise ValidationFailed(
            "Two areas cannot swap names in one go. Rename one to something new first.",
            field="areas",
        ) from None
    locked.area_voting = area_voting
    return _save(
        actor,
        locked,
        "areas",
        ["area_voting"],
        "Changed the areas of a youth budget round",
        {"areas": len(wanted), "area_voting": area_voting},
    )


@dataclass(frozen=True)
class StageDates:
    """The dates each stage starts; voting opens and closes at a time. Only voting's are
    needed; the others, where given, must come in the order of the stages."""

    voting_opens_at: dt.datetime
    voting_closes_at: dt.datetime
    ideas_from: dt.date | None = None
    feasibility_from: dt.date | None = None
    proposals_from: dt.date | None = None
    results_on: dt.date | None = None
    delivery_from: dt.date | None = None


def _check_dates(dates: StageDates) -> None:
    if dates.voting_closes_at <= dates.voting_opens_at:
        raise ValidationFailed("Voting must close after it opens.", field="voting_closes")
    opens = timezone.localtime(dates.voting_opens_at).date()
    closes = timezone.localtime(dates.voting_closes_at).date()
    if dates.results_on is not None and dates.results_on < closes:
        raise ValidationFailed(
            "The results must be on or after the day voting closes.", field="results"
        )
    # Each date given must be on or after the one before it (a missing one is skipped).
    order: list[tuple[str, dt.date | None, str]] = [
        ("ideas", dates.ideas_from, "ideas open"),
        ("feasibility", dates.feasibility_from, "checking ideas starts"),
        ("proposals", dates.proposals_from, "the projects are ready"),
        ("voting_opens", opens, "voting opens"),
        ("results", dates.results_on, "the results are published"),
        ("delivery", dates.delivery_from, "the projects start"),
    ]
    earlier: tuple[dt.date, str] | None = None
    for prefix, day, name in order:
        if day is None:
            continue
        if earlier is not None and day < earlier[0]:
            raise ValidationFailed(
                f"This date must be on or after the date {earlier[1]}.", field=prefix
            )
        earlier = (day, name)


@transaction.atomic
def round_dates_set(*, actor: Actor, round_: Round, dates: StageDates) -> Round:
    locked = _editable(actor, round_)
    _check_dates(dates)
    fields = [
        "voting_opens_at",
        "voting_closes_at",
        "ideas_from",
        "feasibility_from",
        "proposals_from",
        "results_on",
        "delivery_from",
    ]
    for name in fields:
        setattr(locked, name, getattr(dates, name))
    return _save(actor, locked, "dates", fields, "Changed the dates of a youth budget round")


@transaction.atomic
def round_eligibility_set(
    *, actor: Actor, round_: Round, min_age: int, max_age: int, members_only: bool
) -> Round:
    """Who may vote: their age on the day voting closes, and whether only members may."""
    locked = _editable(actor, round_)
    for field, age in (("min_age", min_age), ("max_age", max_age)):
        if not MIN_AGE <= age <= MAX_AGE:
            raise ValidationFailed(
                f"Enter an age from {MIN_AGE} to {MAX_AGE}: the youth offer ends at 25.",
                field=field,
            )
    if min_age > max_age:
        raise ValidationFailed(
            "The youngest age must be the same as or less than the oldest.", field="max_age"
        )
    locked.min_age, locked.max_age, locked.members_only = min_age, max_age, members_only
    return _save(
        actor,
        locked,
        "eligibility",
        ["min_age", "max_age", "members_only"],
        "Changed who may vote in a youth budget round",
        {"min_age": min_age, "max_age": max_age, "members_only": members_only},
    )


@dataclass(frozen=True)
class BallotSettings:
    ballot_kind: str
    rule: str
    completion: str
    ballots_can_change: bool
    max_choices: int | None = None
    points_to_share: int | None = None


def _check_ballot(settings: BallotSettings) -> BallotSettings:
    kind = settings.ballot_kind
    if kind not in Round.BallotKind.values:
        raise ValidationFailed("Choose how young people vote.", field="ballot_kind")
    if settings.rule not in Round.Rule.values:
        raise ValidationFailed("Choose how the votes are counted.", field="rule")
    max_choices = points = None
    if kind in (Round.BallotKind.CHOOSE_UP_TO, Round.BallotKind.RANK):
        max_choices = settings.max_choices
        if max_choices is None or not 1 <= max_choices <= MAX_CHOICES:
            raise ValidationFailed(
                f"Enter how many projects each young person can choose, from 1 to {MAX_CHOICES}.",
                field="max_choices",
            )
    if kind == Round.BallotKind.POINTS:
        points = settings.points_to_share
        if points is None or not 1 <= points <= MAX_POINTS:
            raise ValidationFailed(
                f"Enter how many points each young person shares out, from 1 to {MAX_POINTS}.",
                field="points_to_share",
            )
    completion = settings.completion
    if settings.rule == Round.Rule.GREEDY:
        # Most votes first already spends all it can: there is nothing to complete.
        completion = Round.Completion.NONE
    elif completion not in Round.Completion.values:
        raise ValidationFailed(
            "Choose what happens to money Equal Shares leaves over.", field="completion"
        )
    return BallotSettings(
        ballot_kind=kind,
        rule=settings.rule,
        completion=completion,
        ballots_can_change=settings.ballots_can_change,
        max_choices=max_choices,
        points_to_share=points,
    )


@transaction.atomic
def round_ballot_set(*, actor: Actor, round_: Round, settings: BallotSettings) -> Round:
    """How young people vote, how the votes are counted, and whether a vote can change."""
    locked = _editable(actor, round_)
    checked = _check_ballot(settings)
    fields = [
        "ballot_kind",
        "max_choices",
        "points_to_share",
        "rule",
        "completion",
        "ballots_can_change",
    ]
    for name in fields:
        setattr(locked, name, getattr(checked, name))
    return _save(
        actor,
        locked,
        "ballot",
        fields,
        "Changed how a youth budget round is voted on and counted",
        {name: getattr(checked, name) for name in fields},
    )


@transaction.atomic
def round_proposers_set(
    *, actor: Actor, round_: Round, young_people: bool, groups: bool, organisations: bool
) -> Round:
    """Who may put forward ideas for projects."""
    locked = _editable(actor, round_)
    if not (young_people or groups or organisations):
        raise ValidationFailed("Choose at least one kind of proposer.", field="proposers")
    locked.young_people_may_propose = young_people
    locked.groups_may_propose = groups
    locked.organisations_may_propose = organisations
    return _save(
        actor,
        locked,
        "proposers",
        ["young_people_may_propose", "groups_may_propose", "organisations_may_propose"],
        "Changed who may put forward ideas in a youth budget round",
        {"young_people": young_people, "groups": groups, "organisations": organisations},
    )


# Stages --------------------------------------------------------------------------------------


SECTION_NAMES = {
    "about": "About the round",
    "areas": "Areas",
    "dates": "Dates",
    "eligibility": "Who can vote",
    "ballot": "How young people vote",
    "proposers": "Who can put forward ideas",
}


def missing_before(round_: Round, stage: str, *, feasible: int | None = None) -> list[str]:
    """What must be done before the round can move to ``stage``, in words (empty: ready)."""
    if stage == Stage.RULES:
        missing = [SECTION_NAMES[s] for s in SECTIONS if s not in round_.setup_saved]
        if missing:
            return [f"Finish these sections of the set-up list: {', '.join(missing)}."]
    if stage == Stage.VOTING:
        problems = []
        count = selectors.round_feasible_count(round_=round_) if feasible is None else feasible
        if count < FEASIBLE_TO_VOTE:
            problems.append(
                f"At least {FEASIBLE_TO_VOTE} projects must be going forward to the vote "
                f"({count} {'is' if count == 1 else 'are'} now)."
            )
        # A project left waiting (its check reopened, say) would miss the ballot for good.
        waiting = selectors.round_waiting_check_count(round_=round_)
        if waiting:
            problems.append(
                f"{waiting} {'project is' if waiting == 1 else 'projects are'} waiting for the "
                "feasibility panel. Check them first."
            )
        if round_.voting_opens_at is None or round_.voting_closes_at is None:
            problems.append("Set the dates voting opens and closes.")
        elif round_.voting_closes_at <= timezone.now():
            problems.append("The date voting closes has passed. Change the voting dates.")
        return problems
    return []


@transaction.atomic
def round_stage_move(*, actor: Actor, round_: Round, to: str) -> Round:
    """Move the round one stage on. The stage it moves to is named, so the same form sent
    twice moves it once: a round already there is returned as it is."""
    require(actor, ROUND_MANAGE, round_.organisation)
    locked = selectors.round_locked(round_=round_)
    if locked.stage == to:
        return locked
    expected = NEXT_STAGE.get(Stage(locked.stage))
    if expected is None:
        raise Conflict(
            "The round has moved past voting; its count and results move it on from here."
        )
    if to != expected:
        raise Conflict(
            f"The round is at '{Stage(locked.stage).label}', so it can only move to "
            f"'{expected.label}' next."
        )
    missing = missing_before(locked, to)
    if missing:
        raise ValidationFailed(" ".join(missing))
    earlier = locked.stage
    locked.stage = to
    locked.save(update_fields=["stage", "updated_at"])
    audit_record(
        action="budgeting.round.stage",
        summary="Moved a youth budget round to its next stage",
        actor_id=actor.person_id,
        organisation_id=locked.organisation_id,
        target=locked,
        data={"from": earlier, "to": to},
    )
    return locked
