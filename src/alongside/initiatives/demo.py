"""Demo initiatives for Riverside: one for each of the eight forms of co-production, most open
with their checklist answered, one still being planned, and one closed with its feedback.

Each team has its lead and, where the organisation has young people (the council has none of
its own in the accounts demo), two young people with written roles.

Built through the services, so the audit trail is real. Run again, it changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TypedDict

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.initiatives import selectors, services
from alongside.initiatives.models import CoproductionForm, Initiative

# Keys made from the title, so a second run finds what the first made.
NAMESPACE = uuid.UUID("6f1d3c52-0b7e-4f0e-9a55-2d8e4c1f7a13")


@dataclass(frozen=True)
class Demo:
    title: str
    slug: str
    lead_email: str
    form: str
    stage: str
    purpose: str
    decision_fed: str
    decision_maker: str
    scope: str
    how: str
    rung: int
    agenda_set_by: str
    decided_by: str
    partners: tuple[str, ...] = ()
    starts_in_days: int = -21
    lasts_days: int = 60
    team_roles: tuple[tuple[str, str], ...] = field(default=())
    feedback: str = ""


YOUNG_ROLE = (
    "Young researcher",
    "Asks other young people what they think, and brings it back to the team meetings. About "
    "two hours a week, with a worker there to help.",
)
STAFF_ROLE = (
    "Lead worker",
    "Runs the sessions, makes sure everyone can take part, and tells young people what happened.",
)

DEMOS = [
    Demo(
        title="Youth budget 2026",
        slug="riverside-youth-service",
        lead_email="youth.admin@riverside.example",
        form="co-prioritisation",
        stage=Initiative.Stage.OPEN,
        purpose="Young people decide together how £20,000 of the early help budget is shared "
        "between youth projects in Riverside.",
        decision_fed="How £20,000 of the early help budget is shared between projects in 2026",
        decision_maker="Riverside Council's cabinet member for children and young people",
        scope="Which projects get money and how much, up to £20,000 in all. The council cannot "
        "fund projects outside Riverside.",
        how="Come to a budget session at any youth club in March, or vote online with your "
        "Alongside sign-in.",
        rung=6,
        agenda_set_by=Initiative.Who.ADULTS,
        decided_by=Initiative.Who.SHARED,
        partners=("riverside-council",),
    ),
    Demo(
        title="Redesign the drop-in",
        slug="riverside-youth-service",
        lead_email="worker@riverside.example",
        form="co-design",
        stage=Initiative.Stage.OPEN,
        purpose="Young people redesign the Tuesday drop-in: the room, the times, and what "
        "happens there.",
        decision_fed="What the Tuesday drop-in looks like from September",
        decision_maker="The youth service manager",
        scope="The layout of the room, opening times between 3pm and 9pm, and the activities. "
        "The building and the budget stay the same.",
        how="Come to the drop-in on any Tuesday in May and add your ideas to the wall, or send "
        "them online.",
        rung=7,
        agenda_set_by=Initiative.Who.YOUNG_PEOPLE,
        decided_by=Initiative.Who.SHARED,
    ),
    Demo(
        title="Young inspectors",
        slug="riverside-youth-service",
        lead_email="worker2@riverside.example",
        form="co-assessment",
        stage=Initiative.Stage.DECIDING,
        purpose="Young people visit youth services in Riverside and report on how good they "
        "are for young people.",
        decision_fed="Which changes each service makes after its inspection",
        decision_maker="The managers of the services inspected",
        scope="Each service must answer every recommendation, and say what it will change.",
        how="Apply to be a young inspector at the youth service. Training is given.",
        rung=5,
        agenda_set_by=Initiative.Who.SHARED,
        decided_by=Initiative.Who.ADULTS,
    ),
    Demo(
        title="Youth board",
        slug="the-hive",
        lead_email="hive@riverside.example",
        form="co-management",
        stage=Initiative.Stage.DELIVERING,
        purpose="Four young people sit on The Hive's board as full members, with a vote.",
        decision_fed="Every decision The Hive's board makes",
        decision_maker="The Hive's board, with its four young members",
        scope="Anything the board decides: spending, staff, opening hours and what The Hive "
        "offers.",
        how="Board places are chosen by an election among Hive members each September.",
        rung=8,
        agenda_set_by=Initiative.Who.YOUNG_PEOPLE,
        decided_by=Initiative.Who.SHARED,
        starts_in_days=-120,
        lasts_days=365,
    ),
    Demo(
        title="Sexual health service contract",
        slug="riverside-council",
        lead_email="commissioner@riverside.example",
        form="co-commissioning",
        stage=Initiative.Stage.OPEN,
        purpose="Young people help write what the new sexual health service for young people "
        "must do, and help choose who runs it.",
        decision_fed="What the contract asks for, and which provider wins it",
        decision_maker="Riverside Council's commissioning panel",
        scope="What the service must offer, where and when. Two young people score the bids. "
        "The contract's value is fixed.",
        how="Come to one of three workshops at Riverside CAMHS, or answer the online survey.",
        rung=6,
        agenda_set_by=Initiative.Who.ADULTS,
        decided_by=Initiative.Who.SHARED,
        partners=("riverside-camhs",),
    ),
    Demo(
        title="Children's Plan priorities",
        slug="riverside-council",
        lead_email="admin@riverside.example",
        form="co-planning",
        stage=Initiative.Stage.PLANNING,
        purpose="Young people set the priorities for Riverside's next Children and Young "
        "People's Plan on an equal footing with council officers.",
        decision_fed="",
        decision_maker="",
        scope="",
        how="",
        rung=3,
        agenda_set_by=Initiative.Who.ADULTS,
        decided_by=Initiative.Who.ADULTS,
    ),
    Demo(
        title="Peer mentors",
        slug="riverside-academy",
        lead_email="teacher@riverside.example",
        form="co-delivery",
        stage=Initiative.Stage.OPEN,
        purpose="Older students mentor younger students who are being bullied or finding "
        "school hard.",
        decision_fed="How the peer mentoring scheme runs next year",
        decision_maker="The head of year 7 and the student council",
        scope="Who can be a mentor, how mentors are trained, and when mentoring happens.",
        how="Students in years 10 to 12 can apply at the library. Anyone can ask for a mentor.",
        rung=7,
        agenda_set_by=Initiative.Who.YOUNG_PEOPLE,
        decided_by=Initiative.Who.SHARED,
    ),
    Demo(
        title="Summer fundraiser",
        slug="the-hive",
        lead_email="hive@riverside.example",
        form="co-financing",
        stage=Initiative.Stage.CLOSED,
        purpose="Young people and staff raise money together for The Hive's summer trips.",
        decision_fed="Which trips the money pays for",
        decision_maker="The Hive's youth board",
        scope="How the money is raised, and which trips it pays for.",
        how="It has finished. Thank you to everyone who helped.",
        rung=7,
        agenda_set_by=Initiative.Who.YOUNG_PEOPLE,
        decided_by=Initiative.Who.YOUNG_PEOPLE,
        starts_in_days=-150,
        lasts_days=90,
        feedback="You raised £2,340 with a sponsored walk, a cake sale and a gig.\n"
        "You chose three trips: the beach, the climbing centre and a theatre trip. All three "
        "happened in August, and 64 young people went.",
    ),
]


class _Common(TypedDict):
    actor: Actor
    organisation: Organisation
    initiative: Initiative


def _actor(email: str) -> Actor:
    return actor_for_person(Person.objects.get(user__username=email))


def _young_people(organisation: Organisation, count: int, skip: int) -> list[Person]:
    ids = (
        Membership.objects.filter(organisation=organisation, role=Role.YOUNG_PERSON)
        .order_by("person_id")
        .values_list("person_id", flat=True)[skip : skip + count]
    )
    return list(Person.objects.filter(pk__in=list(ids)))


@transaction.atomic
def seed() -> int:
    """Make the demo initiatives; return how many were made (0 if they were there already)."""
    if not Organisation.objects.filter(slug="riverside-council").exists():
        return 0
    keys = [uuid.uuid5(NAMESPACE, demo.title) for demo in DEMOS]
    if Initiative.objects.filter(idempotency_key__in=keys).count() == len(DEMOS):
        return 0
    today = timezone.localdate()
    questions = selectors.checklist_questions()
    made = 0
    teams_in: dict[str, int] = {}
    for demo, key in zip(DEMOS, keys, strict=True):
        # Different young people on each of an organisation's teams.
        index = teams_in[demo.slug] = teams_in.get(demo.slug, -1) + 1
        if Initiative.objects.filter(idempotency_key=key).exists():
            continue
        organisation = Organisation.objects.get(slug=demo.slug)
        actor = _actor(demo.lead_email)
        initiative = services.initiative_create(
            actor=actor,
            organisation=organisation,
            title=demo.title,
            purpose=demo.purpose,
            forms=CoproductionForm.objects.filter(code=demo.form),
            partners=Organisation.objects.filter(slug__in=demo.partners),
            idempotency_key=key,
        )
        common: _Common = {"actor": actor, "organisation": organisation, "initiative": initiative}
        services.initiative_decision_set(
            **common,
            decision_fed=demo.decision_fed,
            decision_maker=demo.decision_maker,
            scope_for_influence=demo.scope,
            how_to_take_part=demo.how,
        )
        starts = today + dt.timedelta(days=demo.starts_in_days)
        services.initiative_dates_set(
            **common, starts_on=starts, ends_on=starts + dt.timedelta(days=demo.lasts_days)
        )
        services.initiative_ladder_set(
            **common,
            claimed_rung=demo.rung,
            agenda_set_by=demo.agenda_set_by,
            decided_by=demo.decided_by,
        )
        services.initiative_moderation_set(**common, moderate_before_publishing=True)
        assert actor.person is not None
        services.team_member_add(
            **common, person=actor.person, role_title=STAFF_ROLE[0], role_description=STAFF_ROLE[1]
        )
        for person in _young_people(organisation, 2, skip=index * 2):
            services.team_member_add(
                **common, person=person, role_title=YOUNG_ROLE[0], role_description=YOUNG_ROLE[1]
            )
        # The one still being planned has only started its checklist.
        answering = questions if demo.stage != Initiative.Stage.PLANNING else questions[:4]
        for question in answering:
            services.checklist_answer_record(
                **common,
                question=question,
                answer=True,
                how="In sessions young people already come to, with a worker to help and "
                "easy-read versions of everything.",
            )
        if demo.stage != Initiative.Stage.PLANNING:
            services.initiative_open(**common)
        if demo.stage == Initiative.Stage.DECIDING:
            services.initiative_deciding(**common)
        if demo.stage == Initiative.Stage.DELIVERING:
            services.initiative_delivering(**common)
        if demo.stage == Initiative.Stage.CLOSED:
            services.initiative_feedback_record(**common, feedback=demo.feedback)
            services.initiative_close(**common)
        made += 1
    return made
