"""Boards, their seats and recruitment; meetings, attendance, motions, minutes and support.

Split in two so each half can be read alone: ``boards`` (who sits where, under which quorum
rule) and ``meetings`` (what happens when they meet).
"""

from alongside.governance.models.boards import Application, Board, Call, GlossaryTerm, Seat
from alongside.governance.models.meetings import (
    ActionItem,
    AgendaItem,
    BriefingQuestion,
    Meeting,
    MeetingAttendance,
    Minutes,
    Motion,
    MotionVote,
    Paper,
)

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Application",
    "Board",
    "BriefingQuestion",
    "Call",
    "GlossaryTerm",
    "Meeting",
    "MeetingAttendance",
    "Minutes",
    "Motion",
    "MotionVote",
    "Paper",
    "Seat",
]
