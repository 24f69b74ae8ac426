"""Sessions as a source of time credits: each session is an occasion, each attendance row one
person's time at it. Registered with credits from InitiativesConfig.ready; credits never
imports initiatives (it sits below, .importlinter)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, cast

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.credits.sources import Activity, Occasion, earning_sources, occasion_labels
from alongside.initiatives.models import Attendance, Session

PREFIX = "session:"

# "Session at a youth club": the kind of place, never an address.
_AT = {
    Session.Place.YOUTH_CLUB: gettext_lazy("Session at a youth club"),
    Session.Place.SCHOOL: gettext_lazy("Session at a school or college"),
    Session.Place.COMMUNITY: gettext_lazy("Session at a community centre or library"),
    Session.Place.OUTDOORS: gettext_lazy("Session in a park or outdoors"),
    Session.Place.HEALTH: gettext_lazy("Session in a health or care setting"),
    Session.Place.ONLINE: gettext_lazy("Session online"),
    Session.Place.OTHER: gettext_lazy("Session"),
}


def session_label(session: Session) -> str:
    place = _AT.get(Session.Place(session.place), _AT[Session.Place.OTHER])
    return _("%(place)s, %(date)s") % {
        "place": place,
        "date": date_format(session.held_on, "j F Y"),
    }


class SessionSource:
    code = "session"
    label: str | Promise = gettext_lazy("Sessions")
    kinds: dict[str, str | Promise] = {"session": gettext_lazy("Sessions")}

    def occasions(self, organisation: Any, *, since: dt.date, limit: int) -> Sequence[Occasion]:
        sessions = (
            Session.objects.filter(initiative__organisation=organisation, held_on__gte=since)
            .select_related("initiative")
            .annotate(people=Count("attendance"))
            .filter(people__gt=0)
            .order_by("-held_on", "-pk")[:limit]
        )
        return [
            Occasion(
                key=f"{PREFIX}{session.public_id}",
                source=self.code,
                label=session_label(session),
                group_label=session.initiative.title,
                occurred_on=session.held_on,
                people=session.people,
            )
            for session in sessions
        ]

    def activities(self, organisation: Any, occasion_key: str) -> Sequence[Activity]:
        session = _session(organisation, occasion_key)
        if session is None:
            return []
        label = session_label(session)
        rows = (
            Attendance.objects.filter(session=session)
            .order_by("pk")
            .values_list("person_id", "person__public_id", "minutes")
        )
        return [
            Activity(
                # Stable: the session's and the person's public ids never change.
                key=f"{PREFIX}{session.public_id}:{person_public_id}",
                person_id=person_id,
                kind="session",
                label=label,
                group_key=f"initiative:{session.initiative_id}",
                group_label=session.initiative.title,
                occurred_on=session.held_on,
                minutes=minutes,
                basis=session.basis,
            )
            for person_id, person_public_id, minutes in rows
        ]

    def labels(self, organisation_id: int, activity_keys: Sequence[str]) -> dict[str, str]:
        return occasion_labels(
            PREFIX,
            activity_keys,
            lambda ids: Session.objects.filter(
                initiative__organisation_id=organisation_id, public_id__in=ids
            ).only("public_id", "place", "held_on"),
            session_label,
        )


def _session(organisation: Any, occasion_key: str) -> Session | None:
    if not occasion_key.startswith(PREFIX):
        return None
    try:
        public_id = uuid.UUID(occasion_key.removeprefix(PREFIX))
    except ValueError:  # a key that is not a uuid is nobody's session
        return None
    return cast(
        "Session | None",
        Session.objects.filter(initiative__organisation=organisation, public_id=public_id)
        .select_related("initiative")
        .first(),
    )


def register() -> None:
    earning_sources.register(SESSION_SOURCE)


SESSION_SOURCE = SessionSource()
