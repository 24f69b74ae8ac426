"""Demo decisions: about 15 across the demo's initiatives, each citing what young people said
there (published contributions and themes), recorded through ``decision_record`` by a worker
as a real one would be. Run after the voice demo; with nothing said yet it does nothing."""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict
from alongside.decisions import services
from alongside.decisions.models import Decision
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution, Theme

# Stable keys, so running the demo again records nothing twice.
NAMESPACE = uuid.UUID("6f1d2c1e-0d3b-4f5e-9a49-6a2a1c0de015")
HOW_MANY = 15

DECISIONS = [
    (
        "The youth club opens on Saturdays",
        "From next month the club is open 10am to 4pm every Saturday.",
        "The youth board",
    ),
    (
        "Free bus passes for under-18s after 7pm",
        "Young people can travel free on council buses after 7pm.",
        "Cabinet member for transport",
    ),
    (
        "A quiet room for homework at the library",
        "The first floor room is kept quiet for homework after school.",
        "Head of libraries",
    ),
    (
        "More lights in the park",
        "Six new lights go in along the path by the skate park this winter.",
        "Parks committee",
    ),
    (
        "Young people help choose the new youth workers",
        "Two young people sit on every interview panel for youth workers.",
        "Head of youth services",
    ),
    (
        "Mental health drop-in at school",
        "A counsellor is in every secondary school one lunchtime a week.",
        "Children's services board",
    ),
    (
        "A say in the youth budget",
        "Young people vote on how £20,000 of the youth budget is spent.",
        "The youth board",
    ),
    (
        "Water fountains in the town centre",
        "Three free water fountains are being put in.",
        "Town centre team",
    ),
]


def seed(*, seed_value: int = 2026) -> int:
    """Record the demo's decisions; returns how many are there now."""
    initiatives = list(Initiative.objects.select_related("organisation").order_by("pk"))
    if not initiatives:
        return 0
    rng = random.Random(seed_value)
    made = 0
    for n in range(HOW_MANY):
        initiative = initiatives[n % len(initiatives)]
        organisation = initiative.organisation
        recorder = (
            Membership.objects.filter(
                organisation=organisation, role__in=[Role.WORKER, Role.ORG_ADMIN]
            )
            .select_related("person")
            .order_by("role", "pk")
            .first()
        )
        said = list(
            Contribution.objects.filter(
                initiative=initiative, status=Contribution.Status.PUBLISHED
            ).order_by("pk")[:200]
        )
        themes = list(Theme.objects.filter(initiative=initiative).order_by("pk")[:10])
        if recorder is None or not (said or themes):
            continue
        title, what_changed, decided_by = DECISIONS[n % len(DECISIONS)]
        try:
            services.decision_record(
                actor=actor_for_person(recorder.person),
                organisation=organisation,
                title=title,
                what_changed=what_changed,
                decided_by=decided_by,
                forum=rng.choice(["Youth board meeting", "Cabinet meeting", "Service review"]),
                decided_on=timezone.localdate() - dt.timedelta(days=rng.randint(1, 120)),
                initiative=initiative,
                cites_contributions=rng.sample(said, min(len(said), rng.randint(2, 5))),
                cites_themes=rng.sample(themes, min(len(themes), rng.randint(0, 2))),
                idempotency_key=uuid.uuid5(NAMESPACE, f"{initiative.pk}:{n}"),
            )
        except Conflict:
            continue  # recorded by an earlier run of the demo (on another day)
        made += 1
    return Decision.objects.count()
