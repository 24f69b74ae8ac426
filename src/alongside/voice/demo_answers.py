"""Demo data for themes and answers, over the contributions the contributions demo made.

Run after it: if there are no contributions yet, this does nothing; if there are themes
already, it has run before and does nothing again. Built through the services, so the audit
trail and the authors' notices are real. Deterministic: the same seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Membership, Organisation
from alongside.accounts.roles import Role
from alongside.voice import services
from alongside.voice.models import Answer, Contribution, Theme

THEME_NAMES = [
    ("Places to go after school", "Somewhere warm and safe to meet friends in the evening."),
    ("Getting about", "Buses, bikes and walking routes, and what they cost."),
    ("Feeling safe", "Streets, parks and online, and who to tell."),
    ("Mental health support", "Someone to talk to, and not waiting months for it."),
    ("Things to do that do not cost much", "Sport, music and clubs that anyone can afford."),
]

THEME_ANSWERS = [
    (
        Answer.Status.CHANGED,
        "Because of what you said, the youth centre now opens until 9pm on Fridays.",
        "",
    ),
    (
        Answer.Status.CONSIDERING,
        "The youth board is looking at this. We will tell you what it decides in March.",
        "",
    ),
    (
        Answer.Status.PASSED_ON,
        "Bus fares are set by the bus company, so we sent them what you said.",
        "Riverside Buses",
    ),
    (
        Answer.Status.NOT_POSSIBLE,
        "We cannot do this: the building is being repaired until next year and there is no "
        "other room big enough. We will ask again when it opens.",
        "",
    ),
    (Answer.Status.HEARD, "Thank you. We have read everything you said about this.", ""),
]

ONE_ANSWERS = [
    (Answer.Status.HEARD, "Thank you for telling us. We have read it.", ""),
    (Answer.Status.CONSIDERING, "We are talking about this at the next staff meeting.", ""),
    (
        Answer.Status.PASSED_ON,
        "This is for the school to decide, so we passed it on.",
        "Riverside Academy",
    ),
    (
        Answer.Status.NOT_POSSIBLE,
        "We cannot do this because the money for this year has been spent. We will keep it "
        "for next year's youth budget.",
        "",
    ),
]


@dataclass(frozen=True)
class AnswersResult:
    themes: int = 0
    answers: int = 0
    overdue: int = 0


def _answerer(organisation: Organisation) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, role__in=[Role.WORKER, Role.ORG_ADMIN])
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )


def seed(*, seed_value: int = 2026) -> AnswersResult:
    """Themes, answers for most contributions, and some left waiting too long."""
    if not Contribution.objects.exists() or Theme.objects.exists():
        return AnswersResult()
    rng = random.Random(seed_value)
    themes = answers = overdue = 0
    organisation_ids = (
        Contribution.objects.values_list("organisation_id", flat=True).distinct().order_by()
    )
    for organisation in Organisation.objects.filter(pk__in=list(organisation_ids)).order_by("pk"):
        membership = _answerer(organisation)
        if membership is None:
            continue
        made = _seed_organisation(organisation, actor_for_person(membership.person), rng)
        themes, answers, overdue = themes + made[0], answers + made[1], overdue + made[2]
    return AnswersResult(themes=themes, answers=answers, overdue=overdue)


@transaction.atomic
def _seed_organisation(
    organisation: Organisation, actor: Actor, rng: random.Random
) -> tuple[int, int, int]:
    published = list(
        Contribution.objects.filter(
            organisation=organisation, status=Contribution.Status.PUBLISHED
        ).order_by("created_at", "pk")
    )
    if not published:
        return 0, 0, 0
    rng.shuffle(published)
    themes: list[Theme] = []
    for name, description in THEME_NAMES[: max(1, min(len(THEME_NAMES), len(published) // 20))]:
        themes.append(
            services.theme_create(
                actor=actor,
                organisation=organisation,
                name=name,
                description=description,
            )
        )
    # About half go into themes; each theme then gets one answer that reaches them all.
    in_themes = published[: len(published) // 2]
    for n, contribution in enumerate(in_themes):
        services.contribution_theme_add(
            actor=actor,
            organisation=organisation,
            contribution=contribution,
            theme=themes[n % len(themes)],
        )
    answers = 0
    for n, theme in enumerate(themes):
        status, text, passed_to = THEME_ANSWERS[n % len(THEME_ANSWERS)]
        services.answer_give(
            actor=actor,
            organisation=organisation,
            theme=theme,
            status=status,
            text=text,
            passed_to=passed_to,
            idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
        )
        answers += 1
    # Most of the rest get an answer of their own; some are left, and made old, to be overdue.
    rest = published[len(published) // 2 :]
    left = rest[: max(1, len(rest) // 6)]
    for contribution in rest[len(left) :][:300]:
        status, text, passed_to = rng.choice(ONE_ANSWERS)
        services.answer_give(
            actor=actor,
            organisation=organisation,
            contribution=contribution,
            status=status,
            text=text,
            passed_to=passed_to,
            idempotency_key=uuid.UUID(int=rng.getrandbits(128)),
        )
        answers += 1
    now = timezone.now()
    for contribution in left:
        long_ago = now - dt.timedelta(days=rng.randint(35, 90), hours=rng.randint(0, 12))
        Contribution.objects.filter(pk=contribution.pk).update(
            created_at=long_ago, published_at=long_ago
        )
    return len(themes), answers, len(left)
