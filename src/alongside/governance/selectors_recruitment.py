"""Every read of calls for new board members and their applications, scoped to an
organisation. Staff see a call's applications; an applicant only ever sees their own."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import Count, Q, QuerySet

from alongside.accounts.models import Organisation, Person
from alongside.core.selectors import get_in_organisation
from alongside.governance.models import Application, Board, Call, Seat


def call_is_open(call: Call, today: dt.date) -> bool:
    """Whether the call still takes applications: not closed early, and not past its date."""
    return call.closed_at is None and call.closes_on >= today


def calls_for_board(*, board: Board) -> QuerySet[Call]:
    """A board's calls, newest closing date first, with how many have applied to each."""
    return cast(
        "QuerySet[Call]",
        Call.objects.filter(board=board)
        .annotate(
            application_count=Count(
                "applications", filter=~Q(applications__status=Application.Status.WITHDRAWN)
            )
        )
        .order_by("-closes_on", "-pk"),
    )


def open_calls(*, organisation: Organisation, today: dt.date) -> QuerySet[Call]:
    """The calls of the organisation's open boards still taking applications, closing soonest
    first."""
    return cast(
        "QuerySet[Call]",
        Call.objects.for_organisation(organisation)
        .filter(closed_at__isnull=True, closes_on__gte=today, board__closed_at__isnull=True)
        .select_related("board")
        .order_by("closes_on", "pk"),
    )


def call_get(*, organisation: Organisation, public_id: str) -> Call:
    found = get_in_organisation(
        Call.objects.select_related("board__organisation"),
        organisation=organisation,
        public_id=public_id,
        not_found="That call is not part of this organisation.",
    )
    return cast("Call", found)


def applications_for_call(*, call: Call) -> QuerySet[Application]:
    """A call's applications in the order they came, with each applicant (display names)."""
    found = Application.objects.filter(call=call).select_related("person")
    return cast("QuerySet[Application]", found.order_by("created_at", "pk"))


def application_get(*, organisation: Organisation, public_id: str) -> Application:
    found = get_in_organisation(
        Application.objects.select_related(
            "call__board__organisation", "person", "seat", "decided_by"
        ),
        organisation=organisation,
        public_id=public_id,
        not_found="That application is not part of this organisation.",
    )
    return cast("Application", found)


def own_application(*, call: Call, person: Person | None) -> Application | None:
    """``person``'s application to ``call``, if they made one."""
    if person is None:
        return None
    return cast("Application | None", Application.objects.filter(call=call, person=person).first())


def applications_of(*, organisation: Organisation, person: Person | None) -> QuerySet[Application]:
    """Someone's own applications in the organisation, newest first."""
    return cast(
        "QuerySet[Application]",
        Application.objects.for_organisation(organisation)
        .filter(person=person)
        .select_related("call__board")
        .order_by("-created_at", "-pk"),
    )


def vacant_seats(*, call: Call) -> list[Seat]:
    """The empty seats on the call's board for the people the call is for."""
    seats = Seat.objects.filter(
        board_id=call.board_id, constituency=call.constituency, holder__isnull=True
    ).order_by("pk")
    return cast("list[Seat]", list(seats))
