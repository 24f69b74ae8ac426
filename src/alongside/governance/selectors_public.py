"""What anyone may read about an organisation's boards: the boards with their rule and seats
counted (never who holds them), and the meetings held in public with the decisions they made.
Private meetings, names, attendance and papers are never read here."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import Count, F, Q, QuerySet

from alongside.accounts.models import Organisation
from alongside.decisions import selectors as decisions
from alongside.decisions.models import Decision
from alongside.governance.models import Board, Meeting, Motion
from alongside.governance.models.boards import Constituency

# How far back the calendar feed goes: a calendar app keeps what it has already fetched.
CALENDAR_PAST = dt.timedelta(days=92)
CALENDAR_MOST = 500


def boards_public(*, organisation: Organisation) -> QuerySet[Board]:
    """Every board of the organisation, open ones first, with its voting seats counted by
    constituency and how many are filled."""
    voting = ~Q(seats__role="observer")
    counts = {
        f"{constituency.value}_seats": Count(
            "seats", filter=voting & Q(seats__constituency=constituency.value)
        )
        for constituency in Constituency
    }
    return cast(
        "QuerySet[Board]",
        Board.objects.for_organisation(organisation)
        .annotate(
            **counts,
            filled_seats=Count("seats", filter=voting & Q(seats__holder__isnull=False)),
        )
        .order_by(F("closed_at").asc(nulls_first=True), "name", "pk"),
    )


def meetings_public(*, organisation: Organisation) -> QuerySet[Meeting]:
    """The organisation's public meetings, newest first."""
    return cast(
        "QuerySet[Meeting]",
        Meeting.objects.filter(board__organisation=organisation, is_public=True)
        .select_related("board")
        .order_by("-starts_at", "-pk"),
    )


def calendar_meetings(*, organisation: Organisation, now: dt.datetime) -> list[Meeting]:
    """Public meetings from three months ago on, soonest first, for the calendar feed."""
    return cast(
        "list[Meeting]",
        list(
            meetings_public(organisation=organisation)
            .filter(starts_at__gte=now - CALENDAR_PAST)
            .order_by("starts_at", "pk")[:CALENDAR_MOST]
        ),
    )


def decisions_of(
    *, organisation: Organisation, meetings: list[Meeting]
) -> dict[int, list[Decision]]:
    """The decisions each meeting's carried motions became, by meeting: two queries however
    many meetings."""
    carried = list(
        Motion.objects.filter(meeting__in=meetings, status=Motion.Status.CARRIED)
        .order_by("decided_at", "pk")
        .values_list("meeting_id", "public_id")
    )
    found = decisions.decisions_about(
        organisation=organisation,
        subject_type="governance.motion",
        subject_ids=[str(public_id) for _meeting, public_id in carried],
    )
    by_meeting: dict[int, list[Decision]] = {m.pk: [] for m in meetings}
    for meeting_id, public_id in carried:
        if str(public_id) in found:
            by_meeting[meeting_id].append(found[str(public_id)])
    return by_meeting
