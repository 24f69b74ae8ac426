"""Staff pages for sessions: record one, see who came, find or add people, change minutes."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts import selectors as people
from alongside.accounts.models import Organisation, Person
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params
from alongside.initiatives import rules, services
from alongside.initiatives import selectors_sessions as selectors
from alongside.initiatives.forms_sessions import (
    AttendanceAddForm,
    FindForm,
    MinutesForm,
    NewPersonForm,
    SessionForm,
)
from alongside.initiatives.models import Session

ATTENDANCE_PER_PAGE = 50
# Built by the contributions part; until it exists the session page leaves the link out.
CONTRIBUTION_RECORD_URL = "voice:contribution-record"


def minutes_text(minutes: int) -> str:
    """'45 minutes', '1 hour', '2 hours 15 minutes'."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


def _contribution_url(organisation: Organisation, session: Session) -> str:
    return (
        f"{reverse(CONTRIBUTION_RECORD_URL, args=[organisation.slug])}?session={session.public_id}"
    )


def _session_url(organisation: Organisation, session: Session) -> str:
    return reverse("initiatives:session-detail", args=[organisation.slug, session.public_id])


# Sessions to record and an initiative's sessions --------------------------------------------


@requires(rules.SESSION_RECORD)
def sessions_to_record(request: Request, organisation: Organisation) -> HttpResponse:
    page = paginate(request, selectors.initiatives_to_record_for(organisation=organisation))
    return render(
        request,
        "initiatives/session_to_record.html",
        {
            "title": _("Sessions to record"),
            "organisation": organisation,
            "initiatives": list(page.object_list),
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@requires(rules.SESSION_VIEW)
def session_list(
    request: Request, organisation: Organisation, initiative: uuid.UUID
) -> HttpResponse:
    found = selectors.initiative_for_sessions_get(
        organisation=organisation, public_id=str(initiative)
    )
    page = paginate(request, selectors.sessions_for_initiative(initiative=found))
    return render(
        request,
        "initiatives/session_list.html",
        {
            "title": _("Sessions"),
            "organisation": organisation,
            "initiative": found,
            "sessions": [(s, minutes_text(s.duration_minutes)) for s in page.object_list],
            "page": page,
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.SESSION_RECORD)
def session_record(
    request: Request, organisation: Organisation, initiative: uuid.UUID
) -> HttpResponse:
    found = selectors.initiative_for_sessions_get(
        organisation=organisation, public_id=str(initiative)
    )

    def record(data: dict[str, Any]) -> HttpResponse:
        session = services.session_record(
            actor=request.actor,
            initiative=found,
            held_on=data["held_on"],
            place=data["place"],
            duration_minutes=data["duration_minutes"],
            idempotency_key=data["idempotency_key"],
            basis=data["basis"],
        )
        return done(
            request,
            _("Session recorded. Now add who came."),
            "initiatives:session-detail",
            organisation.slug,
            session.public_id,
        )

    return form_page(
        request,
        bound_form(SessionForm, request),
        "initiatives/session_record.html",
        {"title": _("Record a session"), "organisation": organisation, "initiative": found},
        record,
    )


# One session and who came ---------------------------------------------------------------------


@requires(rules.SESSION_VIEW)
def session_detail(
    request: Request, organisation: Organisation, session: uuid.UUID
) -> HttpResponse:
    found = selectors.session_get(organisation=organisation, public_id=str(session))
    return _session_page(request, organisation, found)


def _session_page(request: Request, organisation: Organisation, session: Session) -> HttpResponse:
    services.session_record_view(actor=request.actor, session=session)
    page = paginate(request, selectors.attendance_for_session(session=session), ATTENDANCE_PER_PAGE)
    rows = list(page.object_list)
    attendees = [row.person for row in rows]
    totals = selectors.attendance_minutes_by_person(initiative=session.initiative, people=attendees)
    consented = people.consented_people(organisation=organisation, people=attendees)
    attendance = [
        {
            "person": row.person,
            "minutes": minutes_text(row.minutes),
            "sessions": totals.get(row.person_id, (1, row.minutes))[0],
            "total": minutes_text(totals.get(row.person_id, (1, row.minutes))[1]),
            "consent": _consent_state(row.person, consented),
        }
        for row in rows
    ]
    can_record = request.actor.can(rules.SESSION_RECORD, organisation)
    return render(
        request,
        "initiatives/session_detail.html",
        {
            "title": _("Session on %(date)s") % {"date": _long_date(session)},
            "organisation": organisation,
            "session": session,
            "duration": minutes_text(session.duration_minutes),
            "attendance": attendance,
            "page": page,
            "pagination": pagination_params(request, page),
            "can_record": can_record,
            "find": FindForm(),
            "form": NewPersonForm(session=session),
            "contribution_url": _contribution_url(organisation, session) if can_record else None,
        },
    )


def _long_date(session: Session) -> str:
    day = session.held_on
    return f"{day.day} {day:%B %Y}"


def _consent_state(person: Person, consented: set[int]) -> str:
    """What the session page says about whether they may take part: 'ok', 'parent' (an under-13
    waiting for a parent's consent) or 'none' (no consent recorded yet)."""
    if person.kind == Person.Kind.PROFESSIONAL or person.pk in consented:
        return "ok"
    return "parent" if person.needs_parental_consent else "none"


@GET_POST
@requires(rules.SESSION_RECORD)
def session_find(request: Request, organisation: Organisation, session: uuid.UUID) -> HttpResponse:
    """Find a member of the organisation by display name and put them on the session."""
    found = selectors.session_get(organisation=organisation, public_id=str(session))
    add = bound_form(AttendanceAddForm, request, session=found)
    if request.method == "POST" and add.is_valid():
        try:
            person = people.person_get(
                organisation=organisation, public_id=str(add.cleaned_data["person"])
            )
            _row, created = services.attendance_record(
                actor=request.actor,
                session=found,
                person=person,
                minutes=add.cleaned_data["minutes"],
            )
        except ApplicationError as error:
            apply_to_form(add, error)
        else:
            message = (
                _("%(name)s has been added to the session.")
                if created
                else _("%(name)s was already on the session. Their minutes are saved.")
            )
            return done(
                request,
                message % {"name": person.display_name},
                "initiatives:session-detail",
                organisation.slug,
                found.public_id,
            )
    search = FindForm(request.GET)
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    results: list[Person] = []
    if query:
        results = list(
            people.people_for_organisation(organisation=organisation, search=query)[
                : selectors.SEARCH_LIMIT + 1
            ]
        )
    more = len(results) > selectors.SEARCH_LIMIT
    results = results[: selectors.SEARCH_LIMIT]
    attending = selectors.attending_ids(session=found, people=results)
    return render(
        request,
        "initiatives/session_find.html",
        {
            "title": _("Find someone"),
            "organisation": organisation,
            "session": found,
            "find": search,
            "query": query,
            "results": results,
            "more": more,
            "attending": attending,
            "form": add if request.method == "POST" else None,
            # Whose minutes box the error is about, when a POST was refused.
            "posted": str(add.data.get("person", "")) if request.method == "POST" else "",
            "minutes": found.duration_minutes,
        },
    )


@GET_POST
@requires(rules.SESSION_RECORD)
def session_person_add(
    request: Request, organisation: Organisation, session: uuid.UUID
) -> HttpResponse:
    """Add a young person who has no sign-in and put them on the session."""
    found = selectors.session_get(organisation=organisation, public_id=str(session))

    def add(data: dict[str, Any]) -> HttpResponse:
        attendance = services.attendance_record_new_person(
            actor=request.actor,
            session=found,
            display_name=data["display_name"],
            birth_month=data["birth_month"],
            birth_year=data["birth_year"],
            minutes=data["minutes"],
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("%(name)s has been added to the session.") % {"name": attendance.person.display_name},
            "initiatives:session-detail",
            organisation.slug,
            found.public_id,
        )

    return form_page(
        request,
        bound_form(NewPersonForm, request, session=found),
        "initiatives/session_person_add.html",
        {
            "title": _("Add someone who has no sign-in"),
            "organisation": organisation,
            "session": found,
        },
        add,
    )


@GET_POST
@requires(rules.SESSION_RECORD)
def attendance_change(
    request: Request, organisation: Organisation, session: uuid.UUID, person: uuid.UUID
) -> HttpResponse:
    found = selectors.session_get(organisation=organisation, public_id=str(session))
    attendance = selectors.attendance_get(session=found, person_public_id=str(person))

    def change(data: dict[str, Any]) -> HttpResponse:
        services.attendance_record(
            actor=request.actor, session=found, person=attendance.person, minutes=data["minutes"]
        )
        return done(
            request,
            _("Minutes saved for %(name)s.") % {"name": attendance.person.display_name},
            "initiatives:session-detail",
            organisation.slug,
            found.public_id,
        )

    form = bound_form(MinutesForm, request, session=found)
    if request.method != "POST":
        form.initial["minutes"] = attendance.minutes
    return form_page(
        request,
        form,
        "initiatives/session_attendance_change.html",
        {
            "title": _("Change minutes"),
            "organisation": organisation,
            "session": found,
            "attendance": attendance,
            "session_url": _session_url(organisation, found),
        },
        change,
    )


@GET_POST
@requires(rules.SESSION_RECORD)
def attendance_remove(
    request: Request, organisation: Organisation, session: uuid.UUID, person: uuid.UUID
) -> HttpResponse:
    found = selectors.session_get(organisation=organisation, public_id=str(session))
    attendance = selectors.attendance_get(session=found, person_public_id=str(person))

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.attendance_remove(actor=request.actor, attendance=attendance)
        return done(
            request,
            _("%(name)s has been taken off the session.")
            % {"name": attendance.person.display_name},
            "initiatives:session-detail",
            organisation.slug,
            found.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "initiatives/session_attendance_remove.html",
        {
            "title": _("Take someone off the session"),
            "organisation": organisation,
            "session": found,
            "attendance": attendance,
            "cancel_url": _session_url(organisation, found),
        },
        remove,
    )
