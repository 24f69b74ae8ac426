"""Board meetings as a source of time credits: each finished meeting is an occasion, each
present member's minutes (worked out when the meeting closed) their time at it. Registered with
credits from GovernanceConfig.ready; credits never imports governance."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, cast

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.credits.sources import Activity, Occasion, earning_sources, occasion_labels
from alongside.governance.models import Meeting, MeetingAttendance

PREFIX = "board_meeting:"


def meeting_label(meeting: Meeting) -> str:
    return _("%(title)s, %(date)s") % {
        "title": meeting.title,
        "date": date_format(timezone.localtime(meeting.starts_at).date(), "j F Y"),
    }


class MeetingSource:
    code = "board_meeting"
    label: str | Promise = gettext_lazy("Board meetings")
    kinds: dict[str, str | Promise] = {"board_meeting": gettext_lazy("Board meetings")}

    def occasions(self, organisation: Any, *, since: dt.date, limit: int) -> Sequence[Occasion]:
        meetings = (
            Meeting.objects.filter(
                board__organisation=organisation,
                status=Meeting.Status.CLOSED,
                starts_at__date__gte=since,
            )
            .select_related("board")
            .annotate(people=Count("attendance", filter=_attending("attendance__")))
            .filter(people__gt=0)
            .order_by("-starts_at", "-pk")[:limit]
        )
        return [
            Occasion(
                key=f"{PREFIX}{meeting.public_id}",
                source=self.code,
                label=meeting_label(meeting),
                group_label=meeting.board.name,
                occurred_on=timezone.localtime(meeting.starts_at).date(),
                people=meeting.people,
            )
            for meeting in meetings
        ]

    def activities(self, organisation: Any, occasion_key: str) -> Sequence[Activity]:
        meeting = _meeting(organisation, occasion_key)
        if meeting is None:
            return []
        label = meeting_label(meeting)
        held_on = timezone.localtime(meeting.starts_at).date()
        rows = (
            MeetingAttendance.objects.filter(_attending(""), meeting=meeting)
            .order_by("pk")
            .values_list("person_id", "person__public_id", "minutes")
        )
        return [
            Activity(
                key=f"{PREFIX}{meeting.public_id}:{person_public_id}",
                person_id=person_id,
                kind="board_meeting",
                label=label,
                group_key=f"board:{meeting.board_id}",
                group_label=meeting.board.name,
                occurred_on=held_on,
                minutes=minutes,
            )
            for person_id, person_public_id, minutes in rows
        ]

    def labels(self, organisation_id: int, activity_keys: Sequence[str]) -> dict[str, str]:
        return occasion_labels(
            PREFIX,
            activity_keys,
            lambda ids: Meeting.objects.filter(
                board__organisation_id=organisation_id, public_id__in=ids
            ).only("public_id", "title", "starts_at"),
            meeting_label,
        )


def _attending(prefix: str) -> Q:
    """Only people who were there, with their minutes: apologies and absences give no time."""
    return Q(**{f"{prefix}status": MeetingAttendance.Status.PRESENT, f"{prefix}minutes__gte": 1})


def _meeting(organisation: Any, occasion_key: str) -> Meeting | None:
    if not occasion_key.startswith(PREFIX):
        return None
    try:
        public_id = uuid.UUID(occasion_key.removeprefix(PREFIX))
    except ValueError:  # a key that is not a uuid is nobody's meeting
        return None
    return cast(
        "Meeting | None",
        Meeting.objects.filter(
            board__organisation=organisation, public_id=public_id, status=Meeting.Status.CLOSED
        )
        .select_related("board")
        .first(),
    )


MEETING_SOURCE = MeetingSource()


def register() -> None:
    earning_sources.register(MEETING_SOURCE)
