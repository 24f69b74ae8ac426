"""Reading a meeting's minutes and the actions boards agree: a first draft of the minutes
written from the record, who may own an action, a board's actions and someone's own.

Actions are listed open first (soonest due first), then the ones done, so what still needs
doing is always at the top of the page.
"""

from __future__ import annotations

import datetime as dt
from typing import cast

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import STAFF_ROLES
from alongside.core.selectors import get_in_organisation
from alongside.governance.models import (
    ActionItem,
    Board,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
)
from alongside.governance.selectors_meetings import agenda_for, attendance_for, motions_for
from alongside.govuk.jinja_helpers import format_date


def minutes_of(*, meeting: Meeting) -> Minutes | None:
    """The meeting's minutes, if any have been written (one per meeting)."""
    return cast("Minutes | None", Minutes.objects.filter(meeting=meeting).first())


def _names(rows: list[MeetingAttendance], status: str) -> str:
    names = [row.person.display_name for row in rows if row.status == status]
    return ", ".join(names) if names else _("No one")


def minutes_first_draft(*, meeting: Meeting) -> str:
    """A first draft of the minutes from what the record holds: who was there and who sent
    apologies, the agenda, and each motion with its result and counts. Paragraphs are
    separated by a blank line, as the minutes page shows them."""
    rows = attendance_for(meeting=meeting)
    paragraphs = [
        meeting.title,
        _("%(date)s, %(place)s")
        % {"date": format_date(meeting.starts_at), "place": meeting.location},
        _("Present: %(names)s") % {"names": _names(rows, MeetingAttendance.Status.PRESENT)},
        _("Sent apologies: %(names)s")
        % {"names": _names(rows, MeetingAttendance.Status.APOLOGIES)},
    ]
    agenda = agenda_for(meeting=meeting)
    if agenda:
        paragraphs.append(_("Agenda"))
        paragraphs += [f"{item.position}. {item.title}" for item in agenda]
    motions = [m for m in motions_for(meeting=meeting) if m.status != Motion.Status.WITHDRAWN]
    if motions:
        paragraphs.append(_("Motions"))
    for motion in motions:
        if motion.decided_at is None:
            result = _("No vote was recorded.")
        else:
            result = _("%(result)s: for %(for)s, against %(against)s, abstained %(abstain)s.") % {
                "result": motion.get_status_display(),
                "for": motion.votes_for,
                "against": motion.votes_against,
                "abstain": motion.abstentions,
            }
        paragraphs.append(f"{motion.text}\n{result}")
    return "\n\n".join(paragraphs)


def action_owners(*, board: Board) -> list[Person]:
    """Who an action can be given to: the board's seat holders and the organisation's staff,
    by name."""
    holders = board.seats.filter(holder__isnull=False).values("holder_id")
    staff = Membership.objects.filter(
        organisation_id=board.organisation_id, role__in=[str(r) for r in STAFF_ROLES]
    ).values("person_id")
    people = Person.objects.filter(pk__in=holders) | Person.objects.filter(pk__in=staff)
    return cast("list[Person]", list(people.distinct().order_by("display_name", "pk")))


def _open_first(actions: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    return actions.order_by(F("done_at").asc(nulls_first=True), "due_on", "pk")


def actions_for_board(*, board: Board) -> QuerySet[ActionItem]:
    """The board's actions from all its meetings, open first."""
    actions = ActionItem.objects.filter(meeting__board=board).select_related("owner", "meeting")
    return _open_first(cast("QuerySet[ActionItem]", actions))


def actions_owned_by(*, organisation: Organisation, person: Person) -> QuerySet[ActionItem]:
    """The actions ``person`` owns on any of the organisation's boards, open first."""
    actions = (
        ActionItem.objects.for_organisation(organisation)
        .filter(owner=person)
        .select_related("meeting__board")
    )
    return _open_first(cast("QuerySet[ActionItem]", actions))


def action_get(*, organisation: Organisation, public_id: str) -> ActionItem:
    """An action from a meeting of one of the organisation's boards (NotFound for any other)."""
    return get_in_organisation(  # type: ignore[return-value]
        ActionItem.objects.select_related("meeting__board", "owner"),
        organisation=organisation,
        not_found="There is no such action in this organisation.",
        public_id=public_id,
    )


def is_overdue(action: ActionItem, today: dt.date) -> bool:
    return action.done_at is None and action.due_on < today
