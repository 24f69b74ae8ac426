"""Rows the earning service keeps (WeeklyHours, GroupHours), made directly: the signals only
read them."""

from __future__ import annotations

import datetime as dt

from alongside.accounts.models import Organisation, Person
from alongside.credits.models import GroupHours, WeeklyHours
from alongside.credits.selectors.signals import week_start_of


def week(back: int, today: dt.date | None = None) -> dt.date:
    """The Monday ``back`` weeks before this week's."""
    return week_start_of(today or dt.date.today()) - dt.timedelta(weeks=back)


def gave(
    organisation: Organisation, person: Person, *, minutes_by_week_back: dict[int, int]
) -> None:
    for back, minutes in minutes_by_week_back.items():
        WeeklyHours.objects.create(
            organisation=organisation,
            person=person,
            week_start=week(back),
            minutes_given=minutes,
            minutes_credited=minutes,
        )


def in_group(
    organisation: Organisation, person: Person, *, key: str, label: str, minutes: int
) -> GroupHours:
    return GroupHours.objects.create(
        organisation=organisation,
        person=person,
        group_key=key,
        group_label=label,
        minutes_given=minutes,
    )
