"""Approving, declining and taking back credits for time people gave at an occasion.

Each person's time at an occasion becomes one ``Earning`` (its ``activity_key`` unique in the
organisation), so a repeated or simultaneous approval credits it once. Every service that
touches the organisation's ``issued`` account locks it first, so approvals, adjustments and
reversals in one organisation are taken one after another and never wait on each other in a
circle; the weekly cap is then read from ``WeeklyHours`` under that lock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.ledger import Refused
from alongside.core.ledger_books import AlreadyReversed, ledger_reverse
from alongside.core.models import LedgerAccount
from alongside.credits.earning import credit_for
from alongside.credits.models import WHOLE_ORGANISATION, Earning, GroupHours, WeeklyHours
from alongside.credits.rules import CREDITS_APPROVE
from alongside.credits.selectors.earning_rules import kind_rules
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.earning_rules import credit_settings_get
from alongside.credits.services.totals import count_issued
from alongside.credits.sources import Activity, earning_sources, occasion_of

# uuid5 names under this make each activity's ledger key: the same activity, the same key.
KEYS = uuid.UUID("6f1d0c1e-3f55-4d0c-9a51-2f1c3e0b7a10")
MAX_REASON = 300


def _require(actor: Actor, organisation: Organisation) -> None:
    if not actor.can(CREDITS_APPROVE, organisation):
        raise NotPermitted(_("You do not have permission to do this in this organisation."))


def week_start(day: dt.date) -> dt.date:
    """Monday of the week (days are already in UK time)."""
    return day - dt.timedelta(days=day.weekday())


def activity_ledger_key(organisation_id: int, activity_key: str) -> uuid.UUID:
    return uuid.uuid5(KEYS, f"{organisation_id}:{activity_key}")


def lock_issued(organisation: Organisation) -> LedgerAccount:
    """The organisation's issued account, locked: taken first by every service that issues."""
    issued = issued_account(organisation_id=organisation.pk)
    return LedgerAccount.objects.select_for_update().get(pk=issued.pk)


def _reason(reason: str, *, field: str = "reason") -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(_("Enter the reason."), field=field)
    if len(reason) > MAX_REASON:
        raise ValidationFailed(
            _("The reason must be %(most)s characters or fewer.") % {"most": MAX_REASON},
            field=field,
        )
    return reason


def _week_row(organisation: Organisation, person_id: int, week: dt.date) -> WeeklyHours:
    WeeklyHours.objects.get_or_create(
        organisation=organisation, person_id=person_id, week_start=week
    )
    return WeeklyHours.objects.select_for_update().get(
        organisation=organisation, person_id=person_id, week_start=week
    )


def count_hours(
    organisation: Organisation,
    activity: Activity,
    credited: int,
    credited_on: dt.date | None = None,
) -> None:
    """Add the time to the person's week and to their group's and organisation's totals."""
    week = week_start(activity.occurred_on)
    WeeklyHours.objects.filter(
        organisation=organisation, person_id=activity.person_id, week_start=week
    ).update(
        minutes_given=F("minutes_given") + activity.minutes,
        minutes_credited=F("minutes_credited") + credited,
    )
    for key, label in [(activity.group_key, activity.group_label), (WHOLE_ORGANISATION, "")]:
        GroupHours.objects.get_or_create(
            organisation=organisation,
            person_id=activity.person_id,
            group_key=key,
            defaults={"group_label": label},
        )
        changes: dict[str, object] = {"minutes_given": F("minutes_given") + activity.minutes}
        if credited_on is not None:
            changes["last_credited_on"] = credited_on
        GroupHours.objects.filter(
            organisation=organisation, person_id=activity.person_id, group_key=key
        ).update(**changes)


def _earning(
    organisation: Organisation, source: str, activity: Activity, actor: Actor, status: str
) -> Earning | None:
    """The activity's Earning, new, with nothing credited yet; None if it was seen before."""
    try:
        with transaction.atomic():
            return Earning.objects.create(
                organisation=organisation,
                person_id=activity.person_id,
                source=source,
                activity_key=activity.key,
                occasion_key=occasion_of(activity.key),
                kind=activity.kind,
                label=activity.label,
                group_key=activity.group_key,
                group_label=activity.group_label,
                occurred_on=activity.occurred_on,
                week_start=week_start(activity.occurred_on),
                basis=activity.basis,
                minutes_given=activity.minutes,
                minutes_credited=0,
                status=status,
                decided_by=actor.person,
            )
    except IntegrityError:
        # The constraint decides: approved or declined before, by this worker or another.
        return None


def credit_activity(
    *,
    organisation: Organisation,
    source: str,
    activity: Activity,
    actor: Actor,
    approved_at: dt.datetime | None = None,
) -> Earning | None:
    """Credit one activity under the organisation's rules; None if it was seen before. Call with
    the issued account locked (``lock_issued``). ``approved_at`` is now, unless the demo's
    year of credits is being approved as workers would have, week by week."""
    settings = credit_settings_get(organisation=organisation)
    rule = kind_rules(organisation=organisation).get(activity.kind)
    week = _week_row(organisation, activity.person_id, week_start(activity.occurred_on))
    earning = _earning(organisation, source, activity, actor, Earning.Status.CREDITED)
    if earning is None:
        return None
    outcome = credit_for(
        minutes_given=activity.minutes,
        basis=activity.basis,
        earns=rule.earns if rule else True,
        credit_minutes_per_hour=rule.credit_minutes_per_hour if rule else 60,
        rounding=settings.rounding,
        weekly_cap_minutes=settings.weekly_cap_minutes,
        credited_this_week=week.minutes_credited,
    )
    earning.rule_applied = outcome.rule.value
    if outcome.minutes > 0:
        posted, _new = credits_post(
            organisation_id=organisation.pk,
            kind="earn",
            lines=[
                (issued_account(organisation_id=organisation.pk), -outcome.minutes),
                (
                    person_account(organisation_id=organisation.pk, person_id=activity.person_id),
                    outcome.minutes,
                ),
            ],
            idempotency_key=activity_ledger_key(organisation.pk, activity.key),
            reason=activity.label,
            actor_id=actor.person_id,
            occurred_at=approved_at,
        )
        earning.minutes_credited = outcome.minutes
        earning.transaction = posted
        count_issued(
            organisation_id=organisation.pk,
            posted=posted,
            person_id=activity.person_id,
            minutes=outcome.minutes,
            group_key=activity.group_key,
            group_label=activity.group_label,
        )
        credited_on = timezone.localdate(posted.occurred_at)
    else:
        credited_on = None
    earning.save(update_fields=["rule_applied", "minutes_credited", "transaction", "updated_at"])
    count_hours(organisation, activity, outcome.minutes, credited_on)
    return earning


def _chosen(
    organisation: Organisation, source: str, occasion_key: str, person_ids: Iterable[int]
) -> list[Activity]:
    found = earning_sources.get(source)
    if found is None:
        raise NotFound(_("There is no such kind of activity."))
    wanted = set(person_ids)
    return [a for a in found.activities(organisation, occasion_key) if a.person_id in wanted]


@transaction.atomic
def earnings_approve(
    *,
    organisation: Organisation,
    source: str,
    occasion_key: str,
    person_ids: Iterable[int],
    actor: Actor,
    approved_at: dt.datetime | None = None,
) -> list[Earning]:
    """Credit each chosen person's time at the occasion; the Earnings made now (none for time
    approved or declined before)."""
    _require(actor, organisation)
    activities = _chosen(organisation, source, occasion_key, person_ids)
    if not activities:
        raise ValidationFailed(
            _("Select at least one person to approve credits for."), field="people"
        )
    lock_issued(organisation)
    made = [
        earning
        for activity in activities
        if (
            earning := credit_activity(
                organisation=organisation,
                source=source,
                activity=activity,
                actor=actor,
                approved_at=approved_at,
            )
        )
        is not None
    ]
    if made:
        audit_record(
            action="credits.earning.approve",
            summary=f"Time credits approved for {len(made)} people",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            data={
                "occasion": occasion_key,
                "people": len(made),
                "minutes": sum(e.minutes_credited for e in made),
            },
        )
    return made


@transaction.atomic
def earning_decline(
    *,
    organisation: Organisation,
    source: str,
    occasion_key: str,
    person_id: int,
    reason: str,
    actor: Actor,
) -> Earning:
    """Record that one person's time is not credited, with the reason they read."""
    _require(actor, organisation)
    reason = _reason(reason)
    activities = _chosen(organisation, source, occasion_key, [person_id])
    if not activities:
        raise NotFound(_("That person's time at this activity was not found."))
    activity = activities[0]
    lock_issued(organisation)
    _week_row(organisation, activity.person_id, week_start(activity.occurred_on))
    earning = _earning(organisation, source, activity, actor, Earning.Status.DECLINED)
    if earning is None:
        raise Conflict(_("Credits for this person's time were already decided."))
    earning.decision_note = reason
    earning.save(update_fields=["decision_note", "updated_at"])
    # Time not credited was still given: it counts for the burnout signals.
    count_hours(organisation, activity, 0)
    audit_record(
        action="credits.earning.decline",
        summary="Someone's time was not credited",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=earning,
        data={"occasion": occasion_key},
    )
    return earning


@transaction.atomic
def earning_reverse(
    *, organisation: Organisation, earning: Earning, reason: str, actor: Actor
) -> Earning:
    """Take back credits given by mistake; refused in words if they were already spent."""
    _require(actor, organisation)
    reason = _reason(reason)
    lock_issued(organisation)
    locked = Earning.objects.for_organisation(organisation).select_for_update().get(pk=earning.pk)
    if locked.transaction is None or locked.status != Earning.Status.CREDITED:
        raise Conflict(_("No credits were given for this, so there is nothing to take back."))
    if locked.reversed_at is not None:
        raise Conflict(_("These credits were already taken back."))
    try:
        taken_back, _new = ledger_reverse(
            original=locked.transaction,
            reason=reason,
            idempotency_key=uuid.uuid5(KEYS, f"reverse:{locked.transaction.pk}"),
            actor_id=actor.person_id,
        )
    except Refused as refused:
        raise Conflict(
            _("These credits cannot be taken back: they have already been spent or given away.")
        ) from refused
    except AlreadyReversed as done:
        raise Conflict(_("These credits were already taken back.")) from done
    WeeklyHours.objects.filter(
        organisation=organisation, person_id=locked.person_id, week_start=locked.week_start
    ).update(minutes_credited=F("minutes_credited") - locked.minutes_credited)
    count_issued(
        organisation_id=organisation.pk,
        posted=taken_back,
        person_id=locked.person_id,
        minutes=-locked.minutes_credited,
        group_key=locked.group_key,
        group_label=locked.group_label,
    )
    locked.reversed_at = timezone.now()
    locked.decision_note = reason
    locked.save(update_fields=["reversed_at", "decision_note", "updated_at"])
    audit_record(
        action="credits.earning.reverse",
        summary="Time credits given by mistake were taken back",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=locked,
        data={"minutes": locked.minutes_credited},
    )
    return locked
