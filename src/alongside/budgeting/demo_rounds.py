"""The demo's open youth budget round: Riverside Youth Service's "Youth budget 2026" vote, with
eight projects on the ballot and voting open now, so the demo young person (Jamie, 15) can vote.

Set up through the services, like a worker would, so its audit trail is real. The projects
are made straight onto the ballot paper here; the proposals part of the domain builds them
from young people's ideas through the panel. Run again, it changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.budgeting import selectors, services
from alongside.budgeting.models import Proposal, Round

NAMESPACE = uuid.UUID("9b3f4a1e-6d2c-4f8a-b7e5-1c0d2e3f4a5b")
ORGANISATION = "riverside-youth-service"
LEAD = "youth.admin@riverside.example"
INITIATIVE = "Youth budget 2026"
TITLE = "Youth budget 2026: the vote"
SUMMARY = (
    "Young people in Riverside decide how £20,000 of the early help budget is spent. Choose up "
    "to 3 of the 8 projects that young people suggested and the panel checked."
)

# (title, what it is, cost in pence, who proposed it)
PROJECTS = [
    ("Free wi-fi at the youth club", "Fast wi-fi in every room of the youth club, so young "
     "people can do homework and apply for jobs there.", 2_500_00, "young_person"),
    ("Mental health drop-in", "A counsellor at the youth club every Thursday evening, with no "
     "appointment needed.", 6_000_00, "group"),
    ("Girls' football coaching", "A qualified coach and kit for a girls' team, two evenings a "
     "week.", 3_500_00, "group"),
    ("Cooking club", "Learn to cook cheap, healthy meals, and eat them together afterwards.",
     1_800_00, "young_person"),
    ("Music studio time", "Free sessions in a recording studio, with someone to show you how it "
     "works.", 4_000_00, "young_person"),
    ("Evening bus passes", "Free bus passes for young people travelling to evening clubs from "
     "the edge of town.", 7_500_00, "organisation"),
    ("Skate park repairs", "Fix the broken ramps and add lights, so the skate park is safe to "
     "use after school.", 5_000_00, "group"),
    ("Graffiti art wall", "A legal wall for street art, with workshops run by local artists.",
     2_200_00, "young_person"),
]  # fmt: skip


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _project(round_: Round, number: int, title: str, summary: str, cost: int, by: str) -> None:
    """A project already checked and going forward to the vote."""
    Proposal.objects.create(
        round=round_,
        number=number,
        title=title,
        summary=summary,
        proposed_by=by,
        proposer_name="Riverside Youth Forum" if by == "group" else "",
        cost_pence=cost,
        status=Proposal.Status.FEASIBLE,
    )


@transaction.atomic
def seed() -> Round | None:
    """Make the open round; None if it is there already or the demo council is not."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    initiative = (
        selectors.initiatives_for_rounds(organisation=organisation).filter(title=INITIATIVE).first()
        if organisation
        else None
    )
    if organisation is None or initiative is None:
        return None
    if Round.objects.filter(idempotency_key=_key(TITLE)).exists():
        return None
    actor = actor_for_person(Person.objects.get(user__username=LEAD))
    round_ = services.round_create(
        actor=actor,
        organisation=organisation,
        initiative=initiative,
        title=TITLE,
        budget_pence=20_000_00,
        idempotency_key=_key(TITLE),
    )
    services.round_about_set(
        actor=actor, round_=round_, title=TITLE, summary=SUMMARY, budget_pence=20_000_00
    )
    services.round_areas_set(actor=actor, round_=round_, areas=[], area_voting="own")
    today = timezone.localdate()

    def at(days: int, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days), dt.time(hour)))

    services.round_dates_set(
        actor=actor,
        round_=round_,
        dates=services.StageDates(
            ideas_from=today - dt.timedelta(days=60),
            feasibility_from=today - dt.timedelta(days=30),
            proposals_from=today - dt.timedelta(days=14),
            voting_opens_at=at(-2, 9),
            voting_closes_at=at(12, 17),
            results_on=today + dt.timedelta(days=15),
            delivery_from=today + dt.timedelta(days=45),
        ),
    )
    services.round_eligibility_set(
        actor=actor, round_=round_, min_age=11, max_age=19, members_only=True
    )
    services.round_ballot_set(
        actor=actor,
        round_=round_,
        settings=services.BallotSettings(
            ballot_kind=Round.BallotKind.CHOOSE_UP_TO,
            max_choices=3,
            rule=Round.Rule.EQUAL_SHARES,
            completion=Round.Completion.ADD1_GREEDY,
            ballots_can_change=True,
        ),
    )
    services.round_proposers_set(
        actor=actor, round_=round_, young_people=True, groups=True, organisations=True
    )
    for stage in (
        Round.Stage.RULES,
        Round.Stage.IDEAS,
        Round.Stage.FEASIBILITY,
        Round.Stage.PROPOSALS,
    ):
        services.round_stage_move(actor=actor, round_=round_, to=stage)
    for number, (title, summary, cost, by) in enumerate(PROJECTS, start=1):
        _project(round_, number, title, summary, cost, by)
    return services.round_stage_move(actor=actor, round_=round_, to=Round.Stage.VOTING)
