"""The demo's contributions: about 2,000 across the demo's initiatives, in every kind and
channel, mostly published, some held (a phone number), hidden with a reason, waiting to be
checked or withdrawn, some written down by a worker at a session or from paper.

Loaded with ``bulk_create`` so the demo starts in seconds: the rows do not go through
``contribution_submit`` one by one, so the audit trail gets ONE event for the whole batch
("Loaded the demo's contributions") rather than one per contribution. Screening still decides
which are held, through the same ``status_for`` the services use.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass
from typing import cast

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.audit import audit_record
from alongside.initiatives.models import Initiative, Session
from alongside.voice.models import Contribution
from alongside.voice.services import status_for

TOTAL = 2000
# Where initiatives are made for the demo if the initiatives demo has made none.
DEMO_PLACE = "riverside-youth-service"

IDEAS = [
    "Open the youth club on Sunday afternoons",
    "Put more benches and a water fountain by the skate ramp",
    "Free bus passes for under 18s going to college",
    "A quiet room at the youth club for when it gets too loud",
    "Better lights on the path through the park",
    "Cooking sessions where we can take the food home",
    "A music studio we can book for an hour",
    "Let young people help choose who gets the youth grants",
    "More girls' football sessions after school",
    "A map of places that are free for young people",
]
VIEWS = [
    "The park feels unsafe after dark because the lights are broken",
    "The new timetable makes it hard to get to the club after school",
    "I think the council listens more when we come to the meetings",
    "Workers at the drop-in are kind and they remember your name",
    "There is nothing to do in the holidays that does not cost money",
]
QUESTIONS = [
    "Why did the youth bus stop coming to our estate?",
    "Who decides how the youth budget is spent?",
    "When will the skate park be fixed?",
    "Can we have a say in who runs the new centre?",
]
EXPERIENCES = [
    "Waiting six months to see someone made things worse for me",
    "I moved school and had to tell my story again to everyone",
    "The library homework club helped me pass my exams",
    "I was turned away from the gym because I was too young",
]
FEEDBACK = [
    "The online counselling was easy to use but the wait was long",
    "The youth worker at the school drop-in really helped",
    "The sports centre changing rooms need fixing",
    "The bus app is confusing and the times are wrong",
]
TEXTS = {
    Contribution.Kind.IDEA: IDEAS,
    Contribution.Kind.VIEW: VIEWS,
    Contribution.Kind.QUESTION: QUESTIONS,
    Contribution.Kind.EXPERIENCE: EXPERIENCES,
    Contribution.Kind.SERVICE_FEEDBACK: FEEDBACK,
}
HIDE_REASONS = [
    "It names another young person.",
    "It was written twice; the other one is kept.",
    "It has words that are unkind about a member of staff.",
]
DEMO_INITIATIVES = [
    ("Make Riverside Park better", "Decide what the park's new money should be spent on.", False),
    ("Fridays at the youth club", "Choose what the youth club does on Friday nights.", True),
]


@dataclass
class Result:
    created: int


def _initiatives(organisations: list[Organisation]) -> list[Initiative]:
    found = list(
        Initiative.objects.filter(organisation__in=organisations)
        .exclude(stage=Initiative.Stage.PLANNING)
        .select_related("organisation")
        .order_by("pk")
    )
    if found:
        return found
    # Only for the demo, while the initiatives demo is not there: two open initiatives.
    place = Organisation.objects.filter(slug=DEMO_PLACE).first() or organisations[0]
    return [
        Initiative.objects.create(
            organisation=place,
            title=title,
            purpose=purpose,
            stage=Initiative.Stage.OPEN,
            moderate_before_publishing=moderate,
            opened_at=timezone.now(),
        )
        for title, purpose, moderate in DEMO_INITIATIVES
    ]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@transaction.atomic
def seed(*, total: int = TOTAL, seed_value: int = 13) -> Result:
    """Load the demo's contributions once (nothing if there are some already)."""
    young = Membership.objects.filter(role=Role.YOUNG_PERSON)
    organisations = list(
        Organisation.objects.filter(pk__in=young.values("organisation_id")).order_by("pk")
    )
    if not organisations or Contribution.objects.filter(organisation__in=organisations).exists():
        return Result(created=0)
    rng = random.Random(seed_value)
    initiatives = _initiatives(organisations)
    people: dict[int, list[Person]] = {}
    workers: dict[int, list[Person]] = {}
    for membership in Membership.objects.filter(
        organisation__in={i.organisation_id for i in initiatives},
        role__in=[Role.YOUNG_PERSON, Role.WORKER],
    ).select_related("person"):
        into = people if membership.role == Role.YOUNG_PERSON else workers
        into.setdefault(membership.organisation_id, []).append(membership.person)
    sessions: dict[int, list[Session]] = {}
    # (initiatives' querysets are typed for any model, hence the cast)
    for held in cast("list[Session]", list(Session.objects.filter(initiative__in=initiatives))):
        sessions.setdefault(held.initiative_id, []).append(held)
    initiatives = [i for i in initiatives if people.get(i.organisation_id)]
    if not initiatives:
        return Result(created=0)

    now = timezone.now()
    kinds = list(Contribution.Kind)
    rows: list[Contribution] = []
    for n in range(total):
        initiative = initiatives[n % len(initiatives)]
        organisation_id = initiative.organisation_id
        kind = kinds[n % len(kinds)]
        text = rng.choice(TEXTS[kind])
        created_at = now - dt.timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 600))
        author: Person | None = rng.choice(people[organisation_id])
        recorded_by = None
        session: Session | None = None
        channel: str = Contribution.Channel.ONLINE
        if rng.random() < 0.25 and workers.get(organisation_id):
            # Written down by a worker: at a session, from paper or from a survey.
            recorded_by = rng.choice(workers[organisation_id])
            channel = rng.choice(
                [
                    Contribution.Channel.SESSION,
                    Contribution.Channel.PAPER,
                    Contribution.Channel.SURVEY,
                ]
            )
            if channel == Contribution.Channel.SESSION and sessions.get(initiative.pk):
                session = rng.choice(sessions[initiative.pk])
            if rng.random() < 0.3:
                author = None  # what a group said
        roll = rng.random()
        if roll < 0.03:
            text = f"{text}. Text me on 07700 900{rng.randint(100, 999)}"
        status, hold_reason = status_for(text, moderate_first=False)
        moderation_reason = ""
        if status != Contribution.Status.HELD:
            if roll < 0.06:
                status, moderation_reason = Contribution.Status.HIDDEN, rng.choice(HIDE_REASONS)
            elif roll < 0.09 and author is not None and recorded_by is None:
                status = Contribution.Status.WITHDRAWN
            elif roll < 0.14:
                status = Contribution.Status.AWAITING_MODERATION
        rows.append(
            Contribution(
                organisation_id=organisation_id,
                initiative=initiative,
                session=session,
                kind=kind,
                channel=channel,
                author=author,
                recorded_by=recorded_by,
                text=text,
                anonymity=(
                    Contribution.Anonymity.STAFF_ONLY
                    if rng.random() < 0.6
                    else Contribution.Anonymity.NOBODY
                ),
                status=status,
                hold_reason=hold_reason,
                moderation_reason=moderation_reason,
                published_at=(
                    created_at + dt.timedelta(hours=2)
                    if status in (Contribution.Status.PUBLISHED, Contribution.Status.HIDDEN)
                    else None
                ),
                created_at=created_at,
                idempotency_key=_uuid(rng),
                public_id=_uuid(rng),
            )
        )
    Contribution.objects.bulk_create(rows, batch_size=500)
    for organisation_id in sorted({i.organisation_id for i in initiatives}):
        audit_record(
            action="voice.contribution.demo_load",
            summary="Demo contributions loaded",
            organisation_id=organisation_id,
            data={"count": sum(1 for r in rows if r.organisation_id == organisation_id)},
        )
    return Result(created=len(rows))
