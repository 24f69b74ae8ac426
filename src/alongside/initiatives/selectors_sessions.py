"""Every read of sessions and attendance, scoped to an organisation.

Attendance is personal data (who was where, for how long), so these are for staff who run
sessions; it is also the evidence time credits are later proposed from
(``attendance_for_person``), entered once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.db.models import Count, Max, Q, QuerySet, Sum

from alongside.accounts.models import Organisation, Person
from alongside.core.selectors import get_in_organisation
from alongside.initiatives.models import Attendance, Initiative, Session

# An initiative takes sessions at every stage but the last.
RECORDABLE = ~Q(stage=Initiative.Stage.CLOSED)
# What "Find someone" shows at most: type more of the name to narrow it.
SEARCH_LIMIT = 20


def initiative_for_sessions_get(*, organisation: Organisation, public_id: str) -> Initiative:
    return get_in_organisation(
        Initiative,
        organisation=organisation,
        public_id=public_id,
        not_found="That initiative is not part of this organisation.",
    )


def initiatives_to_record_for(*, organisation: Organisation) -> QuerySet[Initiative]:
    """The organisation's initiatives that still take sessions, each with how many it has had
    and when the last was (one query per page)."""
    return (
        Initiative.objects.for_organisation(organisation)
        .filter(RECORDABLE)
        .annotate(session_count=Count("sessions"), last_held_on=Max("sessions__held_on"))
        .order_by("title", "pk")
    )


def sessions_for_initiative(*, initiative: Initiative) -> QuerySet[Session]:
    """An initiative's sessions, newest first, with how many came to each."""
    sessions = (
        Session.objects.for_organisation(initiative.organisation)
        .filter(initiative=initiative)
        .annotate(attendee_count=Count("attendance"))
        .order_by("-held_on", "-pk")
    )
    return cast("QuerySet[Session]", sessions)


def session_get(*, organisation: Organisation, public_id: str) -> Session:
    found = get_in_organisation(
        Session.objects.select_related("initiative", "initiative__organisation", "recorded_by"),
        organisation=organisation,
        public_id=public_id,
        not_found="That session is not part of this organisation.",
    )
    return cast(Session, found)


def attendance_for_session(*, session: Session) -> QuerySet[Attendance]:
    """Who came, by display name, with the person loaded (one query per page)."""
    rows = (
        Attendance.objects.for_organisation(session.initiative.organisation)
        .filter(session=session)
        .select_related("person")
        .order_by("person__display_name", "pk")
    )
    return cast("QuerySet[Attendance]", rows)


def attendance_get(*, session: Session, person_public_id: str) -> Attendance:
    found = get_in_organisation(
        Attendance.objects.select_related("person", "session"),
        organisation=session.initiative.organisation,
        session=session,
        person__public_id=person_public_id,
        not_found="That person is not on this session.",
    )
    return cast(Attendance, found)


def attendance_minutes_by_person(
    *, initiative: Initiative, people: Iterable[Person] | None = None
) -> dict[int, tuple[int, int]]:
    """For each person (by id): ``(sessions attended, minutes in all)`` across the initiative,
    in one query. ``people`` narrows it to a page of them."""
    rows = Attendance.objects.for_organisation(initiative.organisation).filter(
        session__initiative=initiative
    )
    if people is not None:
        rows = rows.filter(person__in=[person.pk for person in people])
    return {
        person_id: (sessions, minutes)
        for person_id, sessions, minutes in rows.values("person_id")
        .annotate(sessions=Count("pk"), minutes=Sum("minutes"))
        .values_list("person_id", "sessions", "minutes")
        .order_by()
    }


@dataclass(frozen=True)
class AttendanceRow:
    """One session a person came to: what time credits are proposed from."""

    attendance_id: int
    session_public_id: str
    held_on: dt.date
    initiative_public_id: str
    initiative_title: str
    minutes: int


def attendance_for_person(
    *, person: Person, organisation: Organisation, since: dt.date
) -> list[AttendanceRow]:
    """Every session in ``organisation`` that ``person`` came to on or after ``since``, newest
    first, in one query."""
    rows = (
        Attendance.objects.for_organisation(organisation)
        .filter(person=person, session__held_on__gte=since)
        .order_by("-session__held_on", "-pk")
        .values_list(
            "pk",
            "session__public_id",
            "session__held_on",
            "session__initiative__public_id",
            "session__initiative__title",
            "minutes",
        )
    )
    return [
        AttendanceRow(
            attendance_id=pk,
            session_public_id=str(session_id),
            held_on=held_on,
            initiative_public_id=str(initiative_id),
            initiative_title=title,
            minutes=minutes,
        )
        for pk, session_id, held_on, initiative_id, title, minutes in rows
    ]


def attending_ids(*, session: Session, people: Iterable[Person]) -> set[int]:
    """Which of ``people`` are already on the session (one query)."""
    return set(
        Attendance.objects.for_organisation(session.initiative.organisation)
        .filter(session=session, person__in=[person.pk for person in people])
        .values_list("person_id", flat=True)
    )
