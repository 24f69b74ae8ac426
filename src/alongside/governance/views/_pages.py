"""What governance's pages share: the "are you sure?" page (``confirm_page``, and its two
common forms for a meeting and for a board), finding a meeting from its address, the address of
one of a meeting's pages, whether its agenda and papers can still change, and ``no_store`` for
pages with personal data or private messages."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from alongside.accounts.models import Organisation
from alongside.accounts.web import ConfirmForm, Request, bound_form, done, form_page
from alongside.governance import selectors_meetings
from alongside.governance.models import Board, Meeting


def no_store(response: HttpResponse) -> HttpResponse:
    """Ask browsers and proxies not to keep the page (personal data, private messages)."""
    response["Cache-Control"] = "no-store"
    return response


def meeting_for(organisation: Organisation, meeting_id: uuid.UUID) -> Meeting:
    """The organisation's meeting named in the address (another's is not found)."""
    return selectors_meetings.meeting_get(organisation=organisation, public_id=str(meeting_id))


def meeting_url(name: str, organisation: Organisation, meeting: Meeting) -> str:
    """The address of one of a meeting's pages, by its URL name ("governance:agenda")."""
    return reverse(name, args=[organisation.slug, meeting.public_id])


def can_change(meeting: Meeting) -> bool:
    """Whether the meeting's agenda and papers can still change (not finished or cancelled)."""
    return meeting.status in (Meeting.Status.SCHEDULED, Meeting.Status.IN_PROGRESS)


def confirm_page(
    request: Request,
    act: Callable[[], object],
    *,
    template: str,
    message: str,
    to: str,
    args: Sequence[object],
    **context: Any,
) -> HttpResponse:
    """A page whose only question is "are you sure?". On the button, ``act`` calls one service,
    then the banner says ``message`` on the page named ``to`` (with ``args``); a refusal is shown
    at the top of the page instead. ``context`` is the template's: title, explanation,
    button_text, cancel_url and what the page is about."""
    form = bound_form(ConfirmForm, request)

    def confirmed(data: dict[str, Any]) -> HttpResponse:
        act()
        return done(request, message, to, *args)

    return form_page(request, form, template, context, confirmed)


def meeting_confirm(
    request: Request,
    organisation: Organisation,
    meeting: Meeting,
    act: Callable[[], object],
    *,
    message: str,
    to: str,
    template: str = "governance/meeting_confirm.html",
    **context: Any,
) -> HttpResponse:
    """``confirm_page`` for a meeting: afterwards, the meeting's page named ``to``."""
    return confirm_page(
        request,
        act,
        template=template,
        message=message,
        to=to,
        args=(organisation.slug, meeting.public_id),
        organisation=organisation,
        meeting=meeting,
        **context,
    )


def board_confirm(
    request: Request,
    organisation: Organisation,
    board: Board,
    act: Callable[[], object],
    *,
    message: str,
    template: str,
    **context: Any,
) -> HttpResponse:
    """``confirm_page`` for a board's seats and details: afterwards, the board's page. Not
    kept by the browser (it can name who holds a seat)."""
    return no_store(
        confirm_page(
            request,
            act,
            template=template,
            message=message,
            to="governance:board-detail",
            args=(organisation.slug, board.public_id),
            organisation=organisation,
            board=board,
            cancel_url=reverse(
                "governance:board-detail", args=[organisation.slug, board.public_id]
            ),
            **context,
        )
    )
