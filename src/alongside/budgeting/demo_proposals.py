"""The demo's projects, made the way a round makes them: young people's ideas written down at a
budget session, turned into costed projects, and checked by a panel with young people on it.

``seed_proposals(round_, count, actor)`` takes a round gathering or checking ideas (its
initiative open, so ideas can be written down) and gives it ``count`` projects going forward
to the vote and ``not_going_forward`` more that the panel turned down, each with its reason.
Everything goes through the services, so the audit trail is real. Run again on a round that has
projects, it makes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction

from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Membership, Person
from alongside.accounts.roles import Role
from alongside.budgeting import selectors, services
from alongside.budgeting import selectors_proposals as found
from alongside.budgeting.models import Area, Proposal, Round
from alongside.budgeting.permissions import FEASIBILITY_CHECK
from alongside.voice import services as voice_services
from alongside.voice.models import Contribution

NAMESPACE = uuid.UUID("4f0c2b7e-8a61-4d3e-9c55-0b7d6e1a2f93")
GROUP = "Riverside Youth Forum"


@dataclass(frozen=True)
class Project:
    title: str
    summary: str
    by: str
    costs: tuple[tuple[str, int], ...]
    ideas: tuple[str, ...]
    # Why the panel turned it down; empty for a project going forward.
    reason: str = ""
    # The group's or organisation's name, when one puts it forward.
    proposer: str = ""


GOING_FORWARD = [
    Project(
        "Free wi-fi at the youth club",
        "Fast wi-fi in every room of the youth club, so young people can do homework and apply "
        "for jobs there.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Wi-fi points for four rooms", 1_600_00), ("A year of fast broadband", 900_00)),
        ("The wi-fi at the club only works by the door", "Somewhere to do homework online"),
    ),
    Project(
        "Mental health drop-in",
        "A counsellor at the youth club every Thursday evening, with no appointment needed.",
        Proposal.ProposedBy.GROUP,
        (("A counsellor for 40 evenings", 5_200_00), ("Training for youth workers", 800_00)),
        ("Someone to talk to without waiting months", "A drop-in for when things get too much"),
    ),
    Project(
        "Girls' football coaching",
        "A qualified coach and kit for a girls' team, two evenings a week.",
        Proposal.ProposedBy.GROUP,
        (("A coach for two evenings a week", 2_700_00), ("Kit and balls", 800_00)),
        ("More girls' football sessions after school",),
    ),
    Project(
        "Cooking club",
        "Learn to cook cheap, healthy meals, and eat them together afterwards.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Food for 30 sessions", 1_200_00), ("Pans, knives and aprons", 600_00)),
        ("Cooking sessions where we can take the food home",),
    ),
    Project(
        "Music studio time",
        "Free sessions in a recording studio, with someone to show you how it works.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Studio hire for 50 hours", 3_000_00), ("A sound engineer to teach us", 1_000_00)),
        ("A music studio we can book for an hour",),
    ),
    Project(
        "Evening bus passes",
        "Free bus passes for young people travelling to evening clubs from the edge of town.",
        Proposal.ProposedBy.ORGANISATION,
        (("150 evening bus passes for a year", 7_500_00),),
        ("Free bus passes for under 18s going to clubs", "The last bus home is too early"),
        proposer="Riverside Community Transport",
    ),
    Project(
        "Skate park repairs",
        "Fix the broken ramps and add lights, so the skate park is safe to use after school.",
        Proposal.ProposedBy.GROUP,
        (("Repairs to two ramps", 3_200_00), ("Four lights", 1_800_00)),
        ("Fix the skate park ramps", "Better lights by the skate park"),
    ),
    Project(
        "Graffiti art wall",
        "A legal wall for street art, with workshops run by local artists.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Preparing and sealing the wall", 1_200_00), ("Six workshops with artists", 1_000_00)),
        ("A wall where we are allowed to paint",),
    ),
]
NOT_GOING_FORWARD = [
    Project(
        "A swimming pool at the youth club",
        "Build a small swimming pool behind the youth club.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Building the pool", 19_000_00),),
        ("A pool we can use for free",),
        reason="It would cost far more to build and run than this budget, and the land behind "
        "the club is not the council's to build on.",
    ),
    Project(
        "Gaming consoles to take home",
        "A games console for every young person who comes to the club.",
        Proposal.ProposedBy.YOUNG_PERSON,
        (("Thirty consoles", 9_000_00),),
        ("Consoles we can take home",),
        reason="This budget is for things young people share, not things given to each person "
        "to keep.",
    ),
]


def _key(round_: Round, *parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join([str(round_.public_id), *map(str, parts)]))


def _ideas(round_: Round, actor: Actor, project: Project, n: int) -> list[Contribution]:
    """What young people said at the round's budget session, written down by a worker."""
    ideas = []
    for i, text in enumerate(project.ideas):
        given = voice_services.contribution_record(
            actor=actor,
            organisation=round_.organisation,
            initiative=round_.initiative,
            kind=Contribution.Kind.IDEA,
            channel=Contribution.Channel.PAPER,
            text=text,
            anonymity=Contribution.Anonymity.NOBODY,
            idempotency_key=_key(round_, "idea", n, i),
        )
        if given.status != Contribution.Status.PUBLISHED:
            given = voice_services.contribution_publish(
                actor=actor, organisation=round_.organisation, contribution=given
            )
        ideas.append(given)
    return ideas


def _fitted(costs: tuple[tuple[str, int], ...], limit: int) -> list[tuple[str, int]]:
    """The costs, scaled down to fit a smaller budget (a round or area smaller than the demo's)."""
    total = sum(pence for _item, pence in costs)
    if total <= limit:
        return list(costs)
    return [(item, max(1, pence * limit // total)) for item, pence in costs]


def _write(
    round_: Round, actor: Actor, project: Project, n: int, area: Area | None, lead: Person
) -> Proposal:
    proposal = services.proposal_create(
        actor=actor,
        round_=round_,
        ideas=_ideas(round_, actor, project, n),
        title=project.title,
        summary=project.summary,
        proposed_by=project.by,
        proposer_name=project.proposer or GROUP,
        area=area,
        lead=lead,
        idempotency_key=_key(round_, "proposal", n),
    )
    limit = services.budget_for(round_, area)
    for i, (item, pence) in enumerate(_fitted(project.costs, limit)):
        services.cost_line_add(
            actor=actor,
            proposal=proposal,
            item=item,
            pence=pence,
            idempotency_key=_key(round_, "cost", n, i),
        )
    return services.proposal_submit(actor=actor, proposal=proposal)


def _young_people(round_: Round, count: int) -> list[Person]:
    ids = (
        Membership.objects.filter(organisation_id=round_.organisation_id, role=Role.YOUNG_PERSON)
        .order_by("pk")
        .values_list("person_id", flat=True)[:count]
    )
    return list(Person.objects.filter(pk__in=list(ids)).order_by("pk"))


def _checker(round_: Round, actor: Actor, young: list[Person]) -> Actor:
    """A young person on the panel checks, where their consent lets them; else the worker."""
    for person in young:
        candidate = actor_for_person(person)
        if candidate.can(FEASIBILITY_CHECK, round_.organisation):
            return candidate
    return actor


@transaction.atomic
def seed_proposals(
    round_: Round, count: int, actor: Actor, *, not_going_forward: int = 2
) -> list[Proposal]:
    """``count`` projects going forward (at most 8) and ``not_going_forward`` turned down (at
    most 2), in a round gathering or checking ideas; the round's proposals, in number order."""
    assert actor.person is not None
    made = list(found.proposals_for_staff(round_=round_))
    if made:
        return made  # an earlier run, or the round's own
    young = _young_people(round_, 2)
    for person in [actor.person, *young]:
        services.panel_member_add(actor=actor, round_=round_, person=person)
    checker = _checker(round_, actor, young)
    areas = list(selectors.areas_of(round_=round_))
    chosen = [*GOING_FORWARD[:count], *NOT_GOING_FORWARD[:not_going_forward]]
    for n, project in enumerate(chosen):
        area = areas[n % len(areas)] if areas else None
        by_young = project.by != Proposal.ProposedBy.ORGANISATION and young
        lead = young[n % len(young)] if by_young else actor.person
        proposal = _write(round_, actor, project, n, area, lead)
        if young:  # the panel checks nothing without a young person on it
            services.feasibility_check_record(
                actor=checker,
                proposal=proposal,
                is_legal=True,
                is_costed=True,
                is_in_scope=not project.reason,
                notes="Checked at the panel's meeting.",
                reason=project.reason,
            )
    return list(found.proposals_for_staff(round_=round_))


seed = seed_proposals
