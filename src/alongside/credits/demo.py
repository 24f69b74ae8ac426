"""A year of time credits at Riverside Youth Service, earned through the services as workers
would approve them: every session and board meeting more than a week old is approved from
its source two days after it happened, as a worker would have (the sessions of the last week
are left for the worker to approve), sanction time
earns nothing, Jamie claims time given at a fun day, and gives some to the youth council's pot.

After the sessions (initiatives' `demo_year`) and the boards. Idempotent: a second run finds
earnings and does nothing. The rewards, partners and redemptions are `demo_rewards`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import Organisation, Person
from alongside.credits.models import Earning, Rounding
from alongside.credits.selectors.earning_rules import KindRule
from alongside.credits.services import claims, gifts
from alongside.credits.services.earning import earnings_approve
from alongside.credits.services.earning_rules import credit_rules_change
from alongside.credits.sources import earning_sources

ORGANISATION = "riverside-youth-service"
WORKER_EMAIL = "worker@riverside.example"
ADMIN_EMAIL = "youth.admin@riverside.example"
POT = "Riverside Youth Council's pot"
LEFT_TO_APPROVE_DAYS = 7
APPROVED_AFTER_DAYS = 2
NAMESPACE = uuid.UUID("0b8f3c52-1e2d-4a3b-8c4d-5e6f7a8b9c0d")


@transaction.atomic
def seed() -> int:
    """Approve the year's credits; return how many earnings there are (0 without the demo)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    worker = Person.objects.filter(user__email=WORKER_EMAIL).first()
    admin = Person.objects.filter(user__email=ADMIN_EMAIL).first()
    if organisation is None or worker is None or admin is None:
        return 0
    if Earning.objects.for_organisation(organisation).exists():
        return 0
    approver = actor_for_person(worker)
    credit_rules_change(
        actor=actor_for_person(admin),
        organisation=organisation,
        rounding=Rounding.NEAREST_QUARTER,
        weekly_cap_minutes=None,
        kinds={kind: KindRule() for kind in earning_sources.kinds()},
    )
    today = timezone.localdate()
    for source in earning_sources:
        for occasion in source.occasions(
            organisation, since=today - dt.timedelta(days=400), limit=1000
        ):
            if occasion.occurred_on > today - dt.timedelta(days=LEFT_TO_APPROVE_DAYS):
                continue
            people = [a.person_id for a in source.activities(organisation, occasion.key)]
            if people:
                earnings_approve(
                    organisation=organisation,
                    source=source.code,
                    occasion_key=occasion.key,
                    person_ids=people,
                    actor=approver,
                    approved_at=_approved_at(occasion.occurred_on),
                )
    jamie = Person.objects.filter(user__username="jamie").first()
    if jamie is not None:
        _jamie(organisation, approver, jamie, today)
    return Earning.objects.for_organisation(organisation).count()


def _approved_at(occurred_on: dt.date) -> dt.datetime:
    """Two days after the occasion, at five in the afternoon: when the worker would have."""
    day = occurred_on + dt.timedelta(days=APPROVED_AFTER_DAYS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17)))


def _jamie(organisation: Organisation, approver: Actor, jamie: Person, today: dt.date) -> None:
    """Jamie claims a fun day (approved) and a litter pick (waiting), and gives an hour to the
    youth council's pot."""
    young = actor_for_person(jamie)
    approved = claims.claim_send(
        actor=young,
        organisation=organisation,
        description="Helped run the face painting at the summer fun day in Riverside Park.",
        done_on=today - dt.timedelta(days=60),
        minutes=180,
        idempotency_key=uuid.uuid5(NAMESPACE, "fun-day"),
    )
    claims.claim_decide(
        actor=approver,
        organisation=organisation,
        claim_id=approved.pk,
        approve=True,
    )
    claims.claim_send(
        actor=young,
        organisation=organisation,
        description="Litter pick by the canal with the youth forum.",
        done_on=today - dt.timedelta(days=3),
        minutes=90,
        idempotency_key=uuid.uuid5(NAMESPACE, "litter-pick"),
    )
    pot = gifts.pot_add(
        actor=actor_for_person(Person.objects.get(user__email=ADMIN_EMAIL)),
        organisation=organisation,
        name=POT,
    )
    gifts.credits_gift(
        actor=young,
        organisation=organisation,
        minutes=60,
        idempotency_key=uuid.uuid5(NAMESPACE, "gift-to-pot"),
        pot_id=pot.pk,
    )
