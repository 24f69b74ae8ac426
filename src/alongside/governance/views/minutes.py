"""A meeting's minutes: the page every member reads once they are published (clerks see the
draft and approved ones too, labelled), writing the draft from the record after the meeting,
and publishing them once the next meeting has approved them."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.governance import rules
from alongside.governance import selectors_meetings as meetings_selectors
from alongside.governance import selectors_minutes as selectors
from alongside.governance.forms_minutes import MinutesForm
from alongside.governance.models import Meeting, Minutes
from alongside.governance.services import minutes as services
from alongside.governance.views._pages import meeting_confirm, no_store


def _minutes_url(organisation: Organisation, meeting: Meeting) -> str:
    return reverse("governance:minutes-detail", args=[organisation.slug, meeting.public_id])


@requires(rules.BOARD_VIEW)
def minutes_detail(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meetings_selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    minutes = selectors.minutes_of(meeting=meeting)
    clerk = request.actor.can(rules.MEETING_RUN, organisation)
    if minutes is not None and minutes.status != Minutes.Status.PUBLISHED and not clerk:
        minutes = None  # a draft is for the clerks until the board has approved it
    return no_store(
        render(
            request,
            "governance/minutes_detail.html",
            {
                "title": _("Minutes"),
                "organisation": organisation,
                "meeting": meeting,
                "board": meeting.board,
                "minutes": minutes,
                "clerk": clerk,
            },
        )
    )


@GET_POST
@requires(rules.MEETING_RUN)
def minutes_draft(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meetings_selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    minutes = selectors.minutes_of(meeting=meeting)
    body = minutes.body if minutes is not None else selectors.minutes_first_draft(meeting=meeting)
    form = bound_form(MinutesForm, request, initial={"body": body})

    def save(data: dict[str, Any]) -> HttpResponse:
        services.minutes_draft(actor=request.actor, meeting=meeting, body=data["body"])
        return done(
            request,
            _("Minutes saved as a draft. The board approves them at its next meeting."),
            "governance:minutes-detail",
            organisation.slug,
            meeting.public_id,
        )

    return no_store(
        form_page(
            request,
            form,
            "governance/minutes_draft.html",
            {
                "title": _("Write the minutes"),
                "organisation": organisation,
                "meeting": meeting,
                "minutes": minutes,
                "finished": meeting.status == Meeting.Status.CLOSED,
                "first_time": minutes is None,
                "button_text": _("Save the draft"),
                "cancel_url": _minutes_url(organisation, meeting),
            },
            save,
        )
    )


@GET_POST
@requires(rules.MEETING_RUN)
def minutes_publish(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = meetings_selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: services.minutes_publish(actor=request.actor, meeting=meeting),
        template="governance/minutes_publish.html",
        title=_("Publish the minutes"),
        button_text=_("Publish the minutes"),
        message=_("Minutes published. Everyone in the organisation can read them now."),
        to="governance:minutes-detail",
        cancel_url=_minutes_url(organisation, meeting),
    )
