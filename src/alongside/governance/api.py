"""The governance part of the API: boards and public meetings for anyone, and recording a
motion's vote for a clerk's token.

Boards are listed with their quorum rule and their seats counted by constituency, never who
holds them. Only meetings held in public are listed, with the decisions they made. Recording
a vote goes through the same service as the page (``motion_decide``), so it is refused in
the same words while the meeting is not quorate. No ``from __future__ import annotations``
here (see accounts/api.py).
"""

import datetime as dt
import uuid
from typing import Literal, cast

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from alongside.accounts.api_auth import actor_of, organisation_for, policy_extra
from alongside.accounts.models import Organisation
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.decisions.models import Decision
from alongside.governance import quorum_words, rules, selectors_meetings, selectors_public
from alongside.governance.models import Board, Meeting, Motion
from alongside.governance.services import motions

router = Router(tags=["governance"])

BoardKind = Literal[
    "youth_board", "steering_group", "commissioning_panel", "associate_governors", "youth_council"
]
MeetingStatus = Literal["scheduled", "in_progress", "closed", "cancelled"]
MotionStatus = Literal["proposed", "carried", "lost", "withdrawn"]


class RuleOut(Schema):
    minimum_present: int = Field(description="Voting members who must be there, at least.")
    residents: int = Field(description="Young people and residents, against …")
    professionals: int = Field(
        description="… professionals: residents ≥ professionals × this ratio."
    )
    minimum_young_people: int
    chair_is_young_person: bool
    in_words: list[str] = Field(description="The rule as the board's page says it.")


class SeatsOut(Schema):
    young_person: int = Field(description="Voting seats for young people.")
    resident: int = Field(description="Voting seats for residents, parents and service users.")
    professional: int = Field(description="Voting seats for professionals and councillors.")
    filled: int = Field(description="How many voting seats have someone in them.")


class BoardOut(Schema):
    id: uuid.UUID = Field(description="The board's public id.")
    kind: BoardKind
    name: str
    purpose: str
    rule: RuleOut
    seats: SeatsOut
    closed: bool


class DecisionRef(Schema):
    id: uuid.UUID = Field(description="The decision's public id (see DecisionList).")
    title: str


class MeetingOut(Schema):
    id: uuid.UUID = Field(description="The meeting's public id.")
    board: uuid.UUID = Field(description="The board's public id.")
    board_name: str
    title: str
    starts_at: dt.datetime
    location: str
    status: MeetingStatus
    decisions: list[DecisionRef] = Field(description="What its carried motions decided.")


class VoteIn(Schema):
    votes_for: int = Field(ge=0, le=1000)
    votes_against: int = Field(ge=0, le=1000)
    abstentions: int = Field(ge=0, le=1000)
    what_changes: str = Field(
        "", max_length=4000, description="Plain words for 'You said, we did': needed if carried."
    )


class MotionOut(Schema):
    id: uuid.UUID
    status: MotionStatus
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    decided_at: dt.datetime | None
    quorate: bool = Field(description="Whether the meeting was quorate when the vote was taken.")


def _board(board: Board) -> BoardOut:
    rule = board.quorum_rule

    def counted(name: str) -> int:  # annotated by selectors_public.boards_public
        return int(getattr(board, name))

    return BoardOut(
        id=board.public_id,
        kind=cast(BoardKind, board.kind),
        name=board.name,
        purpose=board.purpose,
        rule=RuleOut(
            minimum_present=rule.minimum_present,
            residents=rule.residents,
            professionals=rule.professionals,
            minimum_young_people=rule.minimum_young_people,
            chair_is_young_person=rule.chair_is_young_person,
            in_words=quorum_words.rule_words(rule),
        ),
        seats=SeatsOut(
            young_person=counted("young_person_seats"),
            resident=counted("resident_seats"),
            professional=counted("professional_seats"),
            filled=counted("filled_seats"),
        ),
        closed=board.closed_at is not None,
    )


def _meetings(organisation: Organisation, meetings: list[Meeting]) -> list[MeetingOut]:
    made = selectors_public.decisions_of(organisation=organisation, meetings=meetings)
    return [_meeting(m, made[m.pk]) for m in meetings]


def _meeting(meeting: Meeting, made: list[Decision]) -> MeetingOut:
    return MeetingOut(
        id=meeting.public_id,
        board=meeting.board.public_id,
        board_name=meeting.board.name,
        title=meeting.title,
        starts_at=meeting.starts_at,
        location=meeting.location,
        status=cast(MeetingStatus, meeting.status),
        decisions=[DecisionRef(id=d.public_id, title=d.title) for d in made],
    )


@router.get(
    "/organisations/{slug}/boards",
    auth=None,
    response={200: list[BoardOut], 404: Problem, 422: Problem},
    operation_id="CommitteeList",
    url_name="governance-board-list",
    summary="List an organisation's boards (its committees) and their quorum rules",
    openapi_extra=policy_extra(rules.MEETING_PUBLIC_VIEW),
)
@paginate(PageNumberPagination)
def board_list(request: HttpRequest, slug: str) -> PageRows[Board, BoardOut]:
    """Every board, open ones first: its rule, and its voting seats counted by constituency.
    Open to anyone; never says who holds a seat."""
    organisation = organisation_for(request, slug, rules.MEETING_PUBLIC_VIEW)
    return PageRows(
        selectors_public.boards_public(organisation=organisation),
        lambda boards: [_board(b) for b in boards],
    )


@router.get(
    "/organisations/{slug}/meetings",
    auth=None,
    response={200: list[MeetingOut], 404: Problem, 422: Problem},
    operation_id="MeetingList",
    url_name="governance-meeting-list",
    summary="List an organisation's public meetings and what they decided",
    openapi_extra=policy_extra(rules.MEETING_PUBLIC_VIEW),
)
@paginate(PageNumberPagination)
def meeting_list(request: HttpRequest, slug: str) -> PageRows[Meeting, MeetingOut]:
    """Meetings held in public, newest first, each with the decisions its carried motions
    became. Private meetings (most boards with children on them) are never listed."""
    organisation = organisation_for(request, slug, rules.MEETING_PUBLIC_VIEW)
    return PageRows(
        selectors_public.meetings_public(organisation=organisation),
        lambda meetings: _meetings(organisation, meetings),
    )


@router.post(
    "/organisations/{slug}/meetings/{meeting_id}/motions/{motion_id}/vote",
    response={200: MotionOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    operation_id="MotionVote",
    url_name="governance-motion-vote",
    summary="Record the vote on a motion, by show of hands",
    openapi_extra=policy_extra(rules.MEETING_RUN),
)
def motion_vote(
    request: HttpRequest, slug: str, meeting_id: uuid.UUID, motion_id: uuid.UUID, payload: VoteIn
) -> MotionOut:
    """The counts of a vote just taken. Refused (422, in the words the clerk's page uses)
    while the meeting is not quorate, and the refusal is kept in the audit trail. Sending the
    same counts again returns the recorded result; different counts are refused."""
    organisation = organisation_for(request, slug, rules.MEETING_RUN)
    meeting = selectors_meetings.meeting_get(organisation=organisation, public_id=str(meeting_id))
    motion = selectors_meetings.motion_get(meeting=meeting, public_id=str(motion_id))
    decided = motions.motion_decide(
        actor=actor_of(request),
        motion=motion,
        method=Motion.Method.SHOW_OF_HANDS,
        show_of_hands=(payload.votes_for, payload.votes_against, payload.abstentions),
        what_changes=payload.what_changes,
    )
    verdict = (decided.quorum_at_vote or {}).get("verdict", {})
    assert isinstance(verdict, dict)
    return MotionOut(
        id=decided.public_id,
        status=cast(MotionStatus, decided.status),
        votes_for=decided.votes_for,
        votes_against=decided.votes_against,
        abstentions=decided.abstentions,
        decided_at=decided.decided_at,
        quorate=bool(verdict.get("quorate")),
    )
