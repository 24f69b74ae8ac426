"""Reads for changing a board's seats and details: one seat of a board, who could hold it (a
search, never the whole organisation on one page), and the staff and initiatives a board can
be linked to. All scoped to the board's organisation."""

from __future__ import annotations

from typing import cast

from django.db.models import QuerySet

from alongside.accounts.models import Membership, Person
from alongside.accounts.roles import STAFF_ROLES, Role
from alongside.core.selectors import get_in_organisation
from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency

# Which roles may hold a seat of each constituency. Young people are residents too.
HOLDER_ROLES = {
    Constituency.YOUNG_PERSON: {Role.YOUNG_PERSON},
    Constituency.RESIDENT: {Role.PARENT_CARER, Role.COMMUNITY_MEMBER, Role.YOUNG_PERSON},
    Constituency.PROFESSIONAL: set(STAFF_ROLES),
}
# The most people a search for a seat's holder shows at once.
MOST_FOUND = 20


def seat_get(*, board: Board, pk: int) -> Seat:
    """A seat of ``board`` (a seat of another board, or organisation, is not found)."""
    return cast(
        "Seat",
        get_in_organisation(
            Seat.objects.select_related("holder", "board"),
            organisation=board.organisation,
            board=board,
            pk=pk,
            not_found="That seat is not on this board.",
        ),
    )


def holder_candidates(*, board: Board, seat: Seat, search: str) -> list[Person]:
    """Up to ``MOST_FOUND`` + 1 people of the organisation whose role fits the seat and whose
    display name contains ``search``, leaving out anyone with another seat on the board (the
    extra one says there are more). Nobody until something is typed."""
    search = search.strip()
    if not search:
        return []
    roles = HOLDER_ROLES[Constituency(seat.constituency)]
    fitting = Membership.objects.for_organisation(board.organisation).filter(role__in=roles)
    taken = Seat.objects.filter(board=board, holder__isnull=False).exclude(pk=seat.pk)
    people = (
        Person.objects.filter(pk__in=fitting.values("person_id"), erased_at__isnull=True)
        .filter(display_name__icontains=search)
        .exclude(pk__in=taken.values("holder_id"))
        .order_by("display_name", "pk")
    )
    return cast("list[Person]", list(people[: MOST_FOUND + 1]))


def staff_for(*, board: Board) -> QuerySet[Person]:
    """Who may be a board's support worker: the organisation's staff."""
    staff = Membership.objects.for_organisation(board.organisation).filter(role__in=STAFF_ROLES)
    return Person.objects.filter(pk__in=staff.values("person_id"), erased_at__isnull=True).order_by(
        "display_name", "pk"
    )
