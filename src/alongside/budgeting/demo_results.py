"""The demo's finished youth budget round: Riverside Youth Service's £50,000 early intervention
budget, 24 projects, about 1,500 ballots (online, on the youth club's tablet and on paper),
counted with Equal Shares, published, and its funded projects being delivered.

Demo only, to start in seconds: the voters and their ballots are written with ``bulk_create``
(about 1,430 young people recorded as met face to face, their place on the register, their
ballots and the paper typings), not cast one by one through the ballot services (the held
papers are then decided through the real service), and the
round's settings and its proposals are written directly while their set-up and proposal
services are being built. From the ballots on, everything goes through the real services:
closing seals the ballots, the count task counts the sealed file, publishing records each
funded project as a Decision citing the ideas it came from, and the round moves to delivery.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alongside.accounts import demo as accounts_demo
from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import services, tasks
from alongside.budgeting.ballot_paper import age_band
from alongside.budgeting.models import (
    Ballot,
    CostLine,
    PaperEntry,
    Participation,
    PollingStation,
    Proposal,
    Round,
)
from alongside.budgeting.services.ballots import receipt_code_new
from alongside.budgeting.services.rounds import SECTIONS
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution

NAMESPACE = uuid.UUID("b7c1e0f2-6a1d-4d3e-8f3c-2b1a0d9e8f15")
ROUND_KEY = uuid.uuid5(NAMESPACE, "early-intervention-youth-budget-2026")
PLACE = "riverside-youth-service"
INITIATIVE = "Youth budget 2026"
TITLE = "Early intervention youth budget 2026"
BUDGET_PENCE = 5_000_000
BALLOTS = 1_500
PAPER_SHARE, KIOSK_SHARE = 0.18, 0.12
# Papers whose two typings differed; a manager decided each: counted as first typed, or spoilt.
HELD_PAPERS, SPOILT_PAPERS = 6, 2


@dataclass(frozen=True)
class Project:
    title: str
    summary: str
    cost_pence: int
    group: str
    """Which young people it appeals to most (voters mostly choose within their own)."""
    idea: str = ""
    """Words from the voice demo's ideas it came from."""


PROJECTS = [
    Project(
        "Girls' football sessions",
        "Two coached sessions a week for a year, with kit.",
        320_000,
        "sport",
        "girls' football",
    ),
    Project(
        "Mental health first aid for young people",
        "Training for 60 young people to help friends who are struggling.",
        480_000,
        "wellbeing",
    ),
    Project(
        "Skate park repairs, benches and a fountain",
        "Fix the ramps, add benches and a water fountain.",
        950_000,
        "sport",
        "skate ramp",
    ),
    Project(
        "Late youth club on Fridays",
        "The youth club open until 10pm every Friday.",
        600_000,
        "practical",
        "youth club on Sunday",
    ),
    Project(
        "Peer mentoring",
        "Older young people mentor younger ones through the move to secondary school.",
        420_000,
        "wellbeing",
    ),
    Project(
        "A music studio to book",
        "A small studio at the youth centre, booked by the hour.",
        780_000,
        "arts",
        "music studio",
    ),
    Project(
        "Free swimming for 11 to 16",
        "Free swims at the leisure centre at weekends.",
        550_000,
        "sport",
    ),
    Project(
        "Cooking sessions to take home",
        "Cook a meal on a budget and take it home.",
        240_000,
        "practical",
        "Cooking sessions",
    ),
    Project(
        "A quiet room at the youth club",
        "A calm room for when it gets too loud.",
        300_000,
        "wellbeing",
        "quiet room",
    ),
    Project(
        "Counselling drop-in",
        "A counsellor at the youth centre two evenings a week.",
        800_000,
        "wellbeing",
    ),
    Project(
        "Bike repair workshop", "Learn to fix bikes, and keep one you fix.", 280_000, "practical"
    ),
    Project("Graffiti art wall", "A legal wall for street art by the underpass.", 190_000, "arts"),
    Project(
        "Holiday activity days",
        "Free activity days with lunch in the summer holidays.",
        650_000,
        "practical",
    ),
    Project(
        "Young carers' breaks", "Days out and short breaks for young carers.", 450_000, "wellbeing"
    ),
    Project("Boxing club kit", "Gloves, pads and a ring for the boxing club.", 210_000, "sport"),
    Project(
        "Drama and film group", "A weekly group making plays and short films.", 360_000, "arts"
    ),
    Project(
        "Free period products", "Free period products in every youth venue.", 120_000, "wellbeing"
    ),
    Project(
        "Gaming and coding club", "Make games and learn to code after school.", 390_000, "arts"
    ),
    Project(
        "Lights on the park path",
        "Better lights along the path through the park.",
        720_000,
        "practical",
        "lights on the path",
    ),
    Project(
        "Bus passes for college",
        "Free bus passes for 16 to 18s going to college.",
        900_000,
        "practical",
        "bus passes",
    ),
    Project("Outdoor gym", "Outdoor exercise machines in the park.", 850_000, "sport"),
    Project(
        "LGBTQ+ youth group", "A weekly safe space with trained workers.", 260_000, "wellbeing"
    ),
    Project(
        "Homework café",
        "Snacks, computers and help with homework after school.",
        220_000,
        "practical",
    ),
    Project(
        "Food growing garden", "Raised beds at the youth centre to grow food.", 330_000, "practical"
    ),
]
GROUPS = {"sport": 0.3, "wellbeing": 0.3, "arts": 0.15, "practical": 0.25}


def seed(*, ballots: int = BALLOTS, seed_value: int = 2026) -> Round | None:
    """Make the finished round, or return it if it is there already (None without the
    organisation's co-prioritisation initiative)."""
    found = Round.objects.filter(idempotency_key=ROUND_KEY).first()
    if found is not None:
        return found
    organisation = Organisation.objects.filter(slug=PLACE).first()
    initiative = Initiative.objects.filter(organisation=organisation, title=INITIATIVE).first()
    staff = [
        Person.objects.filter(user__email=email).first()
        for email in (
            "worker@riverside.example",
            "worker2@riverside.example",
            "youth.admin@riverside.example",
        )
    ]
    if organisation is None or initiative is None or None in staff:
        return None
    first, second, manager = (actor_for_person(p) for p in staff if p is not None)
    rng = random.Random(seed_value)
    round_ = _voted(organisation, initiative, first, second, rng, ballots)
    _decide_held(round_, manager)
    services.round_close(actor=first, round_=round_)
    # Counted now, so the demo opens on its results (the queued task then finds it counted).
    tasks.round_count.call(round_id=round_.pk)
    services.round_publish(actor=first, round_=round_)
    return services.round_deliver(actor=first, round_=round_)


@transaction.atomic
def _voted(
    organisation: Organisation,
    initiative: Initiative,
    first: Actor,
    second: Actor,
    rng: random.Random,
    how_many: int,
) -> Round:
    round_ = services.round_create(
        actor=first,
        organisation=organisation,
        initiative=initiative,
        title=TITLE,
        budget_pence=BUDGET_PENCE,
        idempotency_key=ROUND_KEY,
    )
    now = timezone.now()
    opened, closed = now - dt.timedelta(days=16), now - dt.timedelta(days=2)
    Round.objects.filter(pk=round_.pk).update(
        summary="Young people decide how £50,000 of Riverside's early intervention budget is "
        "spent on projects that help before problems grow.",
        stage=Round.Stage.VOTING,
        max_choices=4,
        voting_opens_at=opened,
        voting_closes_at=closed,
        # As a round set up through its task list would be: every section saved.
        setup_saved=list(SECTIONS),
    )
    round_.refresh_from_db()
    _proposals(round_, initiative, rng)
    voters = _voters(organisation, rng, closed, how_many)
    _ballots(round_, voters, first, second, rng, opened, closed)
    return round_


def _proposals(round_: Round, initiative: Initiative, rng: random.Random) -> None:
    ideas = list(
        Contribution.objects.filter(
            initiative=initiative,
            kind=Contribution.Kind.IDEA,
            status=Contribution.Status.PUBLISHED,
        ).order_by("pk")
    )
    for number, project in enumerate(PROJECTS, start=1):
        proposal = Proposal.objects.create(
            round=round_,
            number=number,
            title=project.title,
            summary=project.summary,
            proposed_by=rng.choice([Proposal.ProposedBy.YOUNG_PERSON, Proposal.ProposedBy.GROUP]),
            cost_pence=project.cost_pence,
            status=Proposal.Status.FEASIBLE,
        )
        CostLine.objects.create(proposal=proposal, item=project.summary, pence=project.cost_pence)
        if project.idea:
            matching = [c for c in ideas if project.idea.lower() in c.text.lower()]
            proposal.ideas.add(*matching[:3])


def _voters(
    organisation: Organisation, rng: random.Random, closed: dt.datetime, how_many: int
) -> list[Person]:
    """The organisation's young people of voting age, and enough more (met face to face, no
    sign-in) to make ``how_many`` voters."""
    day = timezone.localtime(closed).date()
    members = [
        m.person
        for m in Membership.objects.filter(
            organisation=organisation, role=Role.YOUNG_PERSON
        ).select_related("person")
    ]
    here = [p for p in members if (age := p.age_on(day)) is not None and 11 <= age <= 19]
    today = timezone.localdate()
    made = []
    for _ in range(max(0, how_many - len(here))):
        age, month = rng.randint(13, 19), rng.randint(1, 12)
        made.append(
            Person(
                kind=Person.Kind.YOUNG_PERSON,
                display_name=f"{rng.choice(accounts_demo.FIRST_NAMES)} "
                f"{rng.choice(accounts_demo.ANIMALS)}",
                birth_month=month,
                birth_year=today.year - age - (1 if month > today.month else 0),
            )
        )
    Person.objects.bulk_create(made)
    Membership.objects.bulk_create(
        Membership(person=p, organisation=organisation, role=Role.YOUNG_PERSON) for p in made
    )
    return (here + made)[:how_many]


def _choices(rng: random.Random) -> list[int]:
    """Up to 4 projects, mostly from the voter's own group; projects that came from young
    people's ideas are chosen more often (they were asked for)."""
    group = rng.choices(list(GROUPS), weights=list(GROUPS.values()))[0]
    wanted = rng.randint(1, 4)
    picked: set[int] = set()
    while len(picked) < wanted:
        pool = [
            (n, (3 if p.idea else 1) * (4 if p.group == group else 1))
            for n, p in enumerate(PROJECTS, start=1)
            if n not in picked
        ]
        picked.add(rng.choices([n for n, _ in pool], weights=[w for _, w in pool])[0])
    return sorted(picked)


def _decide_held(round_: Round, manager: Actor) -> None:
    """The manager looks at each held paper: most say what was first typed; some are spoilt."""
    held = PaperEntry.objects.filter(round=round_, status=PaperEntry.Status.HELD).order_by("pk")
    for n, entry in enumerate(held):
        spoil = n < SPOILT_PAPERS
        services.paper_entry_resolve(
            actor=manager,
            entry=entry,
            outcome=services.Outcome.SPOIL if spoil else services.Outcome.FIRST,
            reason="More projects were marked than the round allows." if spoil else "",
            idempotency_key=uuid.uuid5(NAMESPACE, f"held:{entry.paper_number}"),
        )


def _misread(choices: list[int]) -> list[int]:
    """A second typing that differs from the first: one choice left off, or another chosen."""
    return choices[:-1] if len(choices) > 1 else [choices[0] % len(PROJECTS) + 1]


def _ballots(
    round_: Round,
    voters: list[Person],
    first: Actor,
    second: Actor,
    rng: random.Random,
    opened: dt.datetime,
    closed: dt.datetime,
) -> None:
    assert first.person is not None
    assert second.person is not None
    stations = [
        PollingStation.objects.create(
            round=round_, name=name, opens_at=opened, closes_at=closed, opened_by=first.person
        )
        for name in ("Riverside Youth Club", "Riverside Academy hall")
    ]
    day = timezone.localtime(closed).date()
    participations: list[Participation] = []
    ballots: list[Ballot] = []
    papers: list[tuple[PollingStation | None, str, list[int]]] = []
    for n, person in enumerate(voters):
        draw = rng.random()
        channel = (
            Participation.Channel.PAPER
            if draw < PAPER_SHARE
            else Participation.Channel.KIOSK
            if draw < PAPER_SHARE + KIOSK_SHARE
            else Participation.Channel.ONLINE
        )
        age = person.age_on(day)
        station = stations[n % 2] if channel != Participation.Channel.ONLINE else None
        participations.append(
            Participation(
                round=round_,
                person=person,
                channel=channel,
                age_band=age_band(age) if age is not None else "",
                polling_station=station,
            )
        )
    Participation.objects.bulk_create(participations)
    span = (closed - opened).total_seconds()
    for participation in participations:
        cast_at = opened + dt.timedelta(seconds=rng.uniform(0, span))
        choices = _choices(rng)
        common = {
            "round": round_,
            "choices": choices,
            "receipt_code": receipt_code_new(),
            "cast_at": cast_at,
            "idempotency_key": uuid.uuid4(),
        }
        if participation.channel == Participation.Channel.PAPER:
            number = f"RB-{len(papers) + 1:04d}"
            papers.append((participation.polling_station, number, choices))
            ballots.append(Ballot(channel=Ballot.Channel.PAPER, paper_number=number, **common))
        else:
            ballots.append(
                Ballot(participation=participation, channel=participation.channel, **common)
            )
    # Some papers were typed differently the second time: held until a manager decides.
    held = set(range(HELD_PAPERS))
    counted = [b for i, b in enumerate(b for b in ballots if b.paper_number) if i not in held]
    Ballot.objects.bulk_create([b for b in ballots if not b.paper_number] + counted)
    by_number = {b.paper_number: b for b in counted}
    entries = []
    for i, (station, number, choices) in enumerate(papers):
        entry = PaperEntry(
            round=round_,
            polling_station=station,
            paper_number=number,
            choices=choices,
            entered_by=first.person,
            idempotency_key=uuid.uuid4(),
        )
        entry.confirmed_by = second.person
        entry.status = PaperEntry.Status.HELD if i in held else PaperEntry.Status.COUNTED
        entry.second_choices = _misread(choices) if i in held else choices
        entry.ballot = by_number.get(number)
        entries.append(entry)
    PaperEntry.objects.bulk_create(entries)
