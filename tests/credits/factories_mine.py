"""Credits for tests, posted the way the services post them (through the ledger)."""

from __future__ import annotations

import uuid
from datetime import date

from alongside.accounts.models import Organisation, Person
from alongside.core.models import LedgerTransaction
from alongside.credits.models import WHOLE_ORGANISATION, Earning, GroupHours
from alongside.credits.services.books import credits_post, issued_account, person_account
from alongside.credits.services.totals import count_issued


def credit(
    person: Person,
    organisation: Organisation,
    minutes: int,
    *,
    label: str = "Youth forum session",
    group_label: str = "Youth forum",
    group_key: str = "initiative:1",
    on: date | None = None,
) -> LedgerTransaction:
    """``minutes`` of credit for the person, from an Earning as approving a session makes one,
    and the hours given counted towards their milestones."""
    on = on or date(2026, 3, 3)
    posted, _ = credits_post(
        organisation_id=organisation.pk,
        kind="earn",
        lines=[
            (issued_account(organisation_id=organisation.pk), -minutes),
            (person_account(organisation_id=organisation.pk, person_id=person.pk), minutes),
        ],
        idempotency_key=uuid.uuid4(),
    )
    Earning.objects.create(
        organisation=organisation,
        person=person,
        source="session",
        activity_key=f"test:{uuid.uuid4()}",
        kind="session",
        label=label,
        group_key=group_key,
        group_label=group_label,
        occurred_on=on,
        week_start=on,
        minutes_given=minutes,
        minutes_credited=minutes,
        status=Earning.Status.CREDITED,
        transaction=posted,
    )
    count_issued(
        organisation_id=organisation.pk,
        posted=posted,
        person_id=person.pk,
        minutes=minutes,
        group_key=group_key,
        group_label=group_label,
    )
    for key, words in ((WHOLE_ORGANISATION, ""), (group_key, group_label)):
        hours, _ = GroupHours.objects.get_or_create(
            organisation=organisation, person=person, group_key=key, defaults={"group_label": words}
        )
        GroupHours.objects.filter(pk=hours.pk).update(
            minutes_given=hours.minutes_given + minutes, last_credited_on=date.today()
        )
    return posted
