"""A meeting's pages: what it is about and what it decided (every member), and, for the
clerk on the night, starting it, taking attendance under the live quorum tag, recording
motions and their votes, and finishing it."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alongside.accounts.models import Organisation
from alongside.accounts.web import (
    GET_POST,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.decisions import selectors as decisions
from alongside.governance import quorum_words, rules
from alongside.governance import selectors as board_selectors
from alongside.governance import selectors_meetings as selectors
from alongside.governance.forms_meetings import (
    MotionDecideForm,
    MotionProposeForm,
    MotionVoteByNameForm,
)
from alongside.governance.models import Meeting, MeetingAttendance, Motion
from alongside.governance.services import attendance, motions
from alongside.governance.views._pages import meeting_confirm, no_store

MARKS = {"present", "apologies", "absent", "left", "back"}


def _meeting_url(organisation: Organisation, meeting: Meeting) -> str:
    return reverse("governance:meeting-detail", args=[organisation.slug, meeting.public_id])


def _tag(meeting: Meeting) -> dict[str, Any] | None:
    if meeting.status != Meeting.Status.IN_PROGRESS:
        return None
    verdict = selectors.quorum_at(meeting, timezone.now())
    return {"quorate": verdict.quorate, "text": quorum_words.verdict_tag(verdict)}


@requires(rules.BOARD_VIEW)
def meeting_detail(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    found = selectors.motions_for(meeting=meeting)
    carried = decisions.decisions_about(
        organisation=organisation,
        subject_type="governance.motion",
        subject_ids=[str(m.public_id) for m in found if m.status == Motion.Status.CARRIED],
    )
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "title": meeting.title,
            "organisation": organisation,
            "meeting": meeting,
            "board": meeting.board,
            "agenda": selectors.agenda_for(meeting=meeting),
            "motions": [(m, carried.get(str(m.public_id))) for m in found],
            "tag": _tag(meeting),
            "can_run": request.actor.can(rules.MEETING_RUN, organisation),
            "sits_on_it": request.actor.person is not None
            and board_selectors.seat_held(meeting.board, request.actor.person) is not None,
        },
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_open(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: attendance.meeting_open(actor=request.actor, meeting=meeting),
        title=_("Start the meeting"),
        explanation=_(
            "Everyone who holds a seat goes on the attendance list. Mark who is here as they "
            "arrive: the meeting can decide only while it is quorate."
        ),
        button_text=_("Start the meeting"),
        message=_("Meeting started. Mark who is here."),
        to="governance:meeting-attendance",
        cancel_url=_meeting_url(organisation, meeting),
    )


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_close(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    return meeting_confirm(
        request,
        organisation,
        meeting,
        lambda: attendance.meeting_close(actor=request.actor, meeting=meeting),
        title=_("Finish the meeting"),
        explanation=_(
            "Everyone here gets their time at the meeting recorded, from when they arrived "
            "to when they left. You cannot change attendance after this."
        ),
        button_text=_("Finish the meeting"),
        message=_("Meeting finished."),
        to="governance:meeting-detail",
        cancel_url=_meeting_url(organisation, meeting),
    )


def _mark(request: Request, meeting: Meeting) -> None:
    mark, row_id = request.POST.get("mark", ""), request.POST.get("row", "")
    row = cast(
        MeetingAttendance | None,
        meeting.attendance.filter(pk=int(row_id)).first() if row_id.isdigit() else None,
    )
    if row is None or mark not in MARKS:
        raise ApplicationError(_("That could not be recorded. Try again."))
    person = row.person
    if mark == "left":
        attendance.attendance_left(actor=request.actor, meeting=meeting, person=person)
    elif mark == "back":
        attendance.attendance_back(actor=request.actor, meeting=meeting, person=person)
    else:
        attendance.attendance_mark(actor=request.actor, meeting=meeting, person=person, status=mark)


@GET_POST
@requires(rules.MEETING_RUN)
def meeting_attendance(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    error = ""
    if request.method == "POST":
        try:
            _mark(request, meeting)
            anchor = f"#row-{request.POST.get('row', '')}"
            return redirect(
                reverse(
                    "governance:meeting-attendance", args=[organisation.slug, meeting.public_id]
                )
                + anchor
            )
        except ApplicationError as refused:
            error = refused.message
    meeting.refresh_from_db()
    return no_store(
        render(
            request,
            "governance/meeting_attendance.html",
            {
                "title": _("Who is here"),
                "organisation": organisation,
                "meeting": meeting,
                "rows": selectors.attendance_for(meeting=meeting),
                "tag": _tag(meeting),
                "error": error,
                "in_progress": meeting.status == Meeting.Status.IN_PROGRESS,
            },
            status=400 if error else 200,
        )
    )


def _voters(meeting: Meeting) -> list[tuple[int, str]]:
    rows = selectors.in_the_room(meeting, timezone.now()).filter(votes=True)
    return [(r.person_id, r.person.display_name) for r in rows.select_related("person")]


@GET_POST
@requires(rules.MEETING_RUN)
def motion_propose(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    voters = _voters(meeting)
    agenda = selectors.agenda_for(meeting=meeting)
    drafts = {m.pk: m for m in selectors.minutes_to_approve(meeting=meeting)}
    form = bound_form(
        MotionProposeForm,
        request,
        voters=voters,
        items=[(item.pk, item.title) for item in agenda],
        minutes=[
            (pk, _("Minutes of %(meeting)s") % {"meeting": m.meeting.title})
            for pk, m in drafts.items()
        ],
    )

    def propose(data: dict[str, Any]) -> HttpResponse:
        people = {p.pk: p for p in selectors.people_in_the_room(meeting, timezone.now())}
        items = {item.pk: item for item in agenda}
        motion = motions.motion_propose(
            actor=request.actor,
            meeting=meeting,
            text=data["text"],
            proposer=people[data["proposer"]],
            seconder=people[data["seconder"]],
            agenda_item=items.get(data["agenda_item"]) if data["agenda_item"] else None,
            approves_minutes=drafts.get(data.get("approves_minutes") or 0),
            idempotency_key=data["idempotency_key"],
        )
        return done(
            request,
            _("Motion recorded. Record the vote when the board has voted."),
            "governance:motion-decide",
            organisation.slug,
            meeting.public_id,
            motion.public_id,
        )

    return form_page(
        request,
        form,
        "governance/motion_propose.html",
        {
            "title": _("Record a motion"),
            "organisation": organisation,
            "meeting": meeting,
            "tag": _tag(meeting),
            "button_text": _("Record the motion"),
            "cancel_url": _meeting_url(organisation, meeting),
        },
        propose,
    )


def _record_vote(
    request: Request, motion: Motion, form: MotionDecideForm | MotionVoteByNameForm
) -> Motion:
    data = form.cleaned_data
    if isinstance(form, MotionVoteByNameForm):
        return motions.motion_decide(
            actor=request.actor,
            motion=motion,
            method=Motion.Method.BY_NAME,
            votes_by_name=form.votes(),
            what_changes=data["what_changes"],
        )
    return motions.motion_decide(
        actor=request.actor,
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(data["votes_for"], data["votes_against"], data["abstentions"]),
        what_changes=data["what_changes"],
    )


def _after_vote(request: Request, organisation: Organisation, decided: Motion) -> HttpResponse:
    if decided.status != Motion.Status.CARRIED:
        message = _("The motion was not carried.")
    elif decided.approves_minutes_id is not None:
        message = _("The motion was carried: the minutes are approved and can be published.")
    else:
        message = _(
            "The motion was carried. It is now a decision on “You said, we did”. Choose what "
            "young people said that it answers from its entry below."
        )
    return done(
        request, message, "governance:meeting-detail", organisation.slug, decided.meeting.public_id
    )


@GET_POST
@requires(rules.MEETING_RUN)
def motion_decide(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, motion_id: uuid.UUID
) -> HttpResponse:
    """The vote, by show of hands or (``?by=name``) for each voting member here by name."""
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    motion = selectors.motion_get(meeting=meeting, public_id=str(motion_id))
    by_name = request.GET.get("by") == "name"
    form: MotionDecideForm | MotionVoteByNameForm = (
        bound_form(MotionVoteByNameForm, request, voters=_voters(meeting))
        if by_name
        else bound_form(MotionDecideForm, request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            decided = _record_vote(request, motion, form)
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            return _after_vote(request, organisation, decided)
    here = reverse(
        "governance:motion-decide", args=[organisation.slug, meeting.public_id, motion.public_id]
    )
    return render(
        request,
        "governance/motion_decide.html",
        {
            "form": form,
            "title": _("Record the vote by name") if by_name else _("Record the vote"),
            "organisation": organisation,
            "meeting": meeting,
            "motion": motion,
            "by_name": by_name,
            "other_way": here if by_name else f"{here}?by=name",
            "button_text": _("Record the vote"),
            "cancel_url": _meeting_url(organisation, meeting),
            "tag": _tag(meeting),
        },
    )


@requires(rules.MEETING_RUN)
@require_POST
def motion_withdraw(
    request: Request, organisation: Organisation, meeting_id: uuid.UUID, motion_id: uuid.UUID
) -> HttpResponse:
    meeting = selectors.meeting_get(organisation=organisation, public_id=str(meeting_id))
    motion = selectors.motion_get(meeting=meeting, public_id=str(motion_id))
    motions.motion_withdraw(actor=request.actor, motion=motion)
    return done(
        request,
        _("Motion withdrawn."),
        "governance:meeting-detail",
        organisation.slug,
        meeting.public_id,
    )
