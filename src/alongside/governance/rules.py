"""Who may do what with boards and their meetings. The policy in core holds the actions; ask
it. Being on a board is a fact about one board, so pages for members (the briefing, the
private question) check the seat as well, in the selectors (``seat_held``)."""

from __future__ import annotations

from alongside.accounts.roles import MEMBER_ROLES, PARTICIPANT_ROLES, Role
from alongside.core.policy import Scope, policy

# Staff who set boards up and clerk their meetings. They also record Decisions (a carried
# motion is one), so the two lists are the same.
CLERKS = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

BOARD_VIEW = policy.register(
    "governance.board.view",
    roles=MEMBER_ROLES,
    description="See the organisation's boards, who sits on them (display names), their "
    "meetings, published papers and minutes.",
)
BOARD_MANAGE = policy.register(
    "governance.board.manage",
    roles=CLERKS,
    description="Set up boards, their quorum rule, seats, glossary and calls for members; "
    "select applicants.",
)
MEETING_RUN = policy.register(
    "governance.meeting.run",
    roles=CLERKS,
    description="Plan meetings, publish papers, take attendance, record motions and votes, "
    "write minutes and actions.",
)
BRIEFING_VIEW = policy.register(
    "governance.briefing.view",
    roles=MEMBER_ROLES,
    description="Read your briefing for a meeting of a board you sit on, and send the chair "
    "or support worker a private question.",
)
QUESTION_ANSWER = policy.register(
    "governance.question.answer",
    roles=MEMBER_ROLES,
    description="Read and answer the private questions sent to you as a board's chair or "
    "support worker.",
)
CALL_APPLY = policy.register(
    "governance.call.apply",
    roles=set(PARTICIPANT_ROLES),
    description="Apply to join a board through an open call.",
)
OWN_RECORD = policy.register(
    "governance.own_record.view",
    roles=MEMBER_ROLES,
    description="See your own record on boards: meetings attended, motions proposed, "
    "decisions taken part in.",
)
ACTION_DONE = policy.register(
    "governance.action.done",
    roles=MEMBER_ROLES,
    description="Mark an action you own as done (clerks may mark any).",
)
MEETING_PUBLIC_VIEW = policy.register(
    "governance.meeting.public_view",
    scope=Scope.PUBLIC,
    description="See an organisation's boards (their rule, and their seats counted, never "
    "named) and the meetings it holds in public, in the API and its calendar feed.",
)
