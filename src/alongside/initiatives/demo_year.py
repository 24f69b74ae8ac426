"""A year of sessions at Riverside Youth Service, for time credits to be earned from: a weekly
youth forum with its regulars (Jamie among them), a youth panel whose jurors give their time
and whose community-service sessions are sanctions (which earn nothing), and the last five
weeks' planning days that two young people gave too much of themselves to.

Built through the services, after `demo_sessions`; idempotent (a second run finds the forum and
does nothing) and deterministic (the same seed, the same year).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Basis
from alongside.initiatives import services
from alongside.initiatives.models import CoproductionForm, Initiative, Session

ORGANISATION = "riverside-youth-service"
WORKER_EMAIL = "worker@riverside.example"
FORUM = "Riverside Youth Forum"
PANEL = "Riverside Youth Panel"
WEEKS = 50
REGULARS = 12
# The two who gave most in the last weeks: over the burnout limit (credits' signals).
BUSIEST = 2
NAMESPACE = uuid.UUID("6f1c2a44-8d0b-4c1e-9a55-0d7b3c1e2f10")


@transaction.atomic
def seed(*, seed_value: int = 2026) -> int:
    """Record the year; return how many sessions it has (0 if the demo has no people)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    worker = Person.objects.filter(user__email=WORKER_EMAIL).first()
    if organisation is None or worker is None:
        return 0
    if Initiative.objects.for_organisation(organisation).filter(title=FORUM).exists():
        return 0
    rng = random.Random(seed_value)
    today = timezone.localdate()
    young = list(
        Person.objects.for_organisation(organisation)
        .filter(kind=Person.Kind.YOUNG_PERSON, erased_at__isnull=True)
        .order_by("pk")
    )
    if len(young) < REGULARS + 10:
        return 0
    jamie = next((p for p in young if p.user and p.user.username == "jamie"), young[0])
    others = [p for p in young if p != jamie]
    regulars = [jamie, *others[: REGULARS - 1]]
    busiest = others[REGULARS : REGULARS + BUSIEST]
    rest = others[REGULARS + BUSIEST :]
    actor = actor_for_person(worker)
    started = today - dt.timedelta(weeks=WEEKS + 2)
    forum = _initiative(
        organisation,
        FORUM,
        "co-design",
        started,
        "Young people plan the youth service's year with its staff, every week.",
    )
    panel = _initiative(
        organisation,
        PANEL,
        "co-delivery",
        started,
        "Young people sit as a jury and choose a fair way to put things right.",
    )
    count = 0

    def session(
        initiative: Initiative,
        held_on: dt.date,
        minutes: int,
        people: list[Person],
        basis: str = Basis.CHOSEN,
    ) -> None:
        nonlocal count
        recorded = services.session_record(
            actor=actor,
            initiative=initiative,
            held_on=held_on,
            place=Session.Place.YOUTH_CLUB,
            duration_minutes=minutes,
            idempotency_key=uuid.uuid5(NAMESPACE, f"{initiative.title}:{held_on}:{minutes}"),
            basis=basis,
        )
        for person in people:
            services.attendance_record(
                actor=actor, session=recorded, person=person, minutes=minutes
            )
        count += 1

    for week in range(WEEKS, 0, -1):
        held_on = today - dt.timedelta(weeks=week, days=1)
        people = [p for p in regulars if rng.random() < 0.85]
        people += rng.sample(rest, k=min(len(rest), rng.randint(3, 8)))
        if week <= 5:
            people += busiest
        session(forum, held_on, 120, people)
        if week <= 5:
            # Planning days for the summer: the busiest two came to every one.
            # (the last one, all day, only those two: so they alone are over the limit).
            planning = [*busiest, *(rng.sample(regulars, k=3) if week > 1 else [])]
            session(forum, held_on - dt.timedelta(days=2), 180 if week > 1 else 420, planning)
        if week % 4 == 0:
            session(panel, held_on - dt.timedelta(days=3), 90, rng.sample(rest, k=5))
    # Community service a youth panel ordered: the time counts, and earns nothing.
    for week in (9, 6, 3):
        held_on = today - dt.timedelta(weeks=week, days=4)
        session(panel, held_on, 180, rest[-2:], basis=Basis.SANCTION)
    return count


def _initiative(
    organisation: Organisation, title: str, form: str, starts_on: dt.date, purpose: str
) -> Initiative:
    initiative = Initiative.objects.create(
        organisation=organisation,
        title=title,
        purpose=purpose,
        decision_fed="How Riverside Youth Service spends its time and money",
        decision_maker="Riverside Youth Service's manager",
        stage=Initiative.Stage.OPEN,
        starts_on=starts_on,
        opened_at=timezone.now() - dt.timedelta(weeks=52),
    )
    initiative.forms.set(CoproductionForm.objects.filter(code=form))
    return initiative
