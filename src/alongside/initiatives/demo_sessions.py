"""Demo sessions for Riverside Youth Service: about 12 face-to-face sessions over the last three
months, 5 to 15 young people at each, some of them added at the session with no sign-in.

Built through the services, so the audit trail and the consent flags are real. Idempotent: a
second run finds the sessions and does nothing. Deterministic: the same seed, the same sessions.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.initiatives import services
from alongside.initiatives.models import CoproductionForm, Initiative, Session

ORGANISATION = "riverside-youth-service"
WORKER_EMAIL = "worker@riverside.example"
SESSIONS = 12
DAYS_BACK = 90
# Young people a worker met at a session and added there, with no sign-in.
NEW_AT_SESSIONS = [("Tia", 11), ("Ravi", 14), ("Noor", 9), ("Ellis", 16), ("Zak", 12), ("Mae", 15)]


@transaction.atomic
def seed(*, seed_value: int = 2026) -> int:
    """Record the demo's sessions; return how many there are (0 if the demo has no people)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    worker = Person.objects.filter(user__email=WORKER_EMAIL).first()
    if organisation is None or worker is None:
        return 0
    existing = Session.objects.for_organisation(organisation).count()
    if existing:
        return existing
    rng = random.Random(seed_value)
    actor = actor_for_person(worker)
    initiatives = _open_initiatives(organisation)
    young = list(
        Person.objects.for_organisation(organisation)
        .filter(kind=Person.Kind.YOUNG_PERSON, erased_at__isnull=True)
        .order_by("pk")[:60]
    )
    today = timezone.localdate()
    newcomers = list(NEW_AT_SESSIONS)
    for number in range(SESSIONS):
        initiative = initiatives[number % len(initiatives)]
        earliest = max(today - dt.timedelta(days=DAYS_BACK), initiative.starts_on or today)
        if earliest > today:
            earliest = today
        span = (today - earliest).days
        held_on = earliest + dt.timedelta(days=round(span * (number + 1) / SESSIONS))
        session = services.session_record(
            actor=actor,
            initiative=initiative,
            held_on=min(held_on, today),
            place=rng.choice([p for p in Session.Place.values if p != Session.Place.ONLINE]),
            duration_minutes=rng.choice([60, 90, 120]),
            idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
        )
        for person in rng.sample(young, k=min(len(young), rng.randint(5, 15))):
            services.attendance_record(
                actor=actor,
                session=session,
                person=person,
                minutes=rng.choice([session.duration_minutes, session.duration_minutes, 45]),
            )
        if newcomers and number % 2 == 0:
            name, age = newcomers.pop(0)
            services.attendance_record_new_person(
                actor=actor,
                session=session,
                display_name=name,
                birth_month=rng.randint(1, 12),
                birth_year=today.year - age - 1,
                minutes=session.duration_minutes,
                idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
            )
    return SESSIONS


def _open_initiatives(organisation: Organisation) -> list[Initiative]:
    """The demo's initiatives that take sessions; one co-design initiative if there are none."""
    found = list(
        Initiative.objects.for_organisation(organisation)
        .exclude(stage=Initiative.Stage.CLOSED)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=timezone.localdate()))
        .order_by("pk")
    )
    if found:
        return found
    initiative = Initiative.objects.create(
        organisation=organisation,
        title="Design the new youth centre",
        purpose="Young people decide what the new youth centre has in it.",
        decision_fed="What goes into the youth centre's refit",
        decision_maker="Riverside Youth Service's manager",
        stage=Initiative.Stage.OPEN,
        starts_on=timezone.localdate() - dt.timedelta(days=DAYS_BACK + 10),
        opened_at=timezone.now() - dt.timedelta(days=DAYS_BACK + 10),
    )
    initiative.forms.set(CoproductionForm.objects.filter(code="co-design"))
    return [initiative]
