"""Reads of safeguarding concerns. Nothing outside this package reads a concern (a test holds
every other package to that), so no public page, count, report or export can include one."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.selectors import get_in_organisation
from alongside.safeguarding.models import Concern
from alongside.voice.models import Contribution

NOT_FOUND = "That concern is not in this organisation."


def _status_rank() -> Case:
    return Case(
        When(status=Concern.Status.NEW, then=Value(0)),
        When(status=Concern.Status.ACKNOWLEDGED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def concerns_for_organisation(*, organisation: Organisation) -> QuerySet[Concern]:
    """New first (the oldest deadline first), then those being dealt with, then closed ones."""
    return (
        Concern.objects.for_organisation(organisation)
        .annotate(rank=_status_rank())
        .order_by("rank", "acknowledge_by", "-pk")
    )


def concern_get(*, organisation: Organisation, public_id: uuid.UUID | str) -> Concern:
    return get_in_organisation(
        Concern.objects.select_related("about", "raised_by", "acknowledged_by", "closed_by"),
        organisation=organisation,
        not_found=NOT_FOUND,
        public_id=public_id,
    )


def concern_locked(*, organisation: Organisation, concern: Concern) -> Concern:
    """The concern's row, locked until the caller's transaction ends (inside a service)."""
    return get_in_organisation(
        Concern.objects.select_for_update(),
        organisation=organisation,
        not_found=NOT_FOUND,
        pk=concern.pk,
    )


def own_concerns(*, person: Person) -> QuerySet[Concern]:
    """What a person told us themselves, and concerns about them whose answer a lead chose to
    share with them. Never a concern someone raised about them that a lead has not shared."""
    return (
        Concern.objects.filter(
            Q(kind=Concern.Kind.SELF, raised_by=person)
            | Q(about=person, response_shared_at__isnull=False)
        )
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )


@dataclass(frozen=True)
class Waiting:
    """Concerns no lead has picked up yet in one organisation, and how many are past due."""

    organisation: Organisation
    waiting: int
    overdue: int


def waiting_for_leads(
    *, organisations: Iterable[Organisation], now: dt.datetime | None = None
) -> list[Waiting]:
    """One query for every organisation given, however many concerns they hold."""
    organisations = list(organisations)
    if not organisations:
        return []
    now = now or timezone.now()
    counts: dict[int, tuple[int, int]] = {
        row["organisation_id"]: (row["waiting"], row["overdue"])
        for row in Concern.objects.filter(organisation__in=organisations, status=Concern.Status.NEW)
        .values("organisation_id")
        .annotate(waiting=Count("pk"), overdue=Count("pk", filter=Q(acknowledge_by__lte=now)))
    }
    return [
        Waiting(
            organisation=o, waiting=counts.get(o.pk, (0, 0))[0], overdue=counts.get(o.pk, (0, 0))[1]
        )
        for o in organisations
    ]


def people_with_role(*, organisation: Organisation, role: Role) -> list[Person]:
    """The organisation's leads (or admins) to tell, leaving out deleted accounts."""
    return list(
        Person.objects.filter(
            memberships__organisation=organisation,
            memberships__role=role,
            erased_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )


def has_lead(*, organisation: Organisation) -> bool:
    return Person.objects.filter(
        memberships__organisation=organisation,
        memberships__role=Role.SAFEGUARDING_LEAD,
        erased_at__isnull=True,
    ).exists()


def overdue_unescalated(*, now: dt.datetime) -> list[int]:
    """Concerns past their deadline that no lead picked up and no admin was told about."""
    return list(
        Concern.objects.filter(
            status=Concern.Status.NEW,
            acknowledged_at__isnull=True,
            escalated_at__isnull=True,
            acknowledge_by__lte=now,
        )
        .order_by("acknowledge_by", "pk")
        .values_list("pk", flat=True)
    )


def escalation_candidate(*, pk: int) -> Concern | None:
    return Concern.objects.select_related("organisation").filter(pk=pk).first()


def contribution_in(
    *, organisations: Iterable[Organisation], public_id: str | uuid.UUID | None
) -> Contribution | None:
    """A contribution someone is worried about, if it is in one of ``organisations``."""
    if not public_id:
        return None
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        Contribution.objects.filter(public_id=public_id, organisation__in=list(organisations))
        .select_related("organisation")
        .first()
    )


def contribution_get(*, organisation: Organisation, public_id: str | uuid.UUID) -> Contribution:
    return get_in_organisation(
        Contribution,
        organisation=organisation,
        not_found="That contribution is not in this organisation.",
        public_id=public_id,
    )


def is_member(*, organisation: Organisation, person: Person) -> bool:
    return Person.objects.for_organisation(organisation).filter(pk=person.pk).exists()
