"""Planning a meeting (clerks): plan it, change it or cancel it. Its agenda's pages are in
``agenda.py``, its papers' in ``papers.py``."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import GET_POST, Request, bound_form, done, form_page, requires
from alongside.governance import rules, selectors
from alongside.governance.forms_planning import MeetingForm, MeetingPlanForm
from alongside.governance.services import planning as services
from alongside.governance.views._pages import meeting_confirm, meeting_for, meeting_url


def _details(data: dict[str, Any]) -> dict[str, Any]:
    """The answers planning a meeting and changing it share."""
    return {name: data[name] for name in ("title", "starts_at", "location", "is_public")}


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_plan(request: Request, organisation: Organisation, board_id: uuid.UUID) -> HttpResponse:
    board = selectors.board_get(organisation=organisation, public_id=str(board_id))
    form = bound_form(MeetingPlanForm, request)

    def plan(data: dict[str, Any]) -> HttpResponse:
        meeting = services.meeting_plan(
            actor=request.actor,
            board=board,
            **_details(data),
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Meeting planned. Now write its agenda."),
            "governance:agenda",
            organisation.slug,
            meeting.public_id,
        )

    return form_page(
        request,
        form,
        "governance/meeting_form.html",
        {
            "title": _("Plan a meeting"),
            "caption": board.name,
            "organisation": organisation,
            "button_text": _("Plan the meeting"),
            "cancel_url": reverse(
                "governance:board-detail", args=[organisation.slug, board.public_id]
            ),
        },
        plan,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_change(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    form = bound_form(
        MeetingForm,
        request,
        initial=MeetingForm.initial_for(
            title=meeting.title,
            starts_at=meeting.starts_at,
            location=meeting.location,
            is_public=meeting.is_public,
        ),
    )

    def change(data: dict[str, Any]) -> HttpResponse:
        services.meeting_change(
            actor=request.actor,
            meeting=meeting,
            **_details(data),
        )
        return done(
            request,
            _("Meeting changed."),
            "governance:meeting-detail",
            organisation.slug,
            meeting.public_id,
        )

    return form_page(
        request,
        form,
        "governance/meeting_form.html",
        {
            "title": _("Change the meeting"),
            "caption": meeting.board.name,
            "organisation": organisation,
            "meeting": meeting,
            "button_text": _("Save the changes"),
            "cancel_url": meeting_url("governance:meeting-detail", organisation, meeting),
        },
        change,
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_cancel(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meeting_for(organisation, meeting_id)
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: services.meeting_cancel(actor=request.actor, meeting=meeting),
        title=_("Cancel the meeting"),
        explanation=_(
            "The meeting stays on the board's page, marked cancelled. Tell its members: "
            "they are not told automatically. You cannot undo this."
        ),
        button_text=_("Cancel the meeting"),
        button_classes="govuk-button--warning",
        message=_("Meeting cancelled."),
        to="governance:meeting-detail",
        cancel_url=meeting_url("governance:meeting-detail", organisation, meeting),
    )
