"""What each role may do with initiatives, and the one rule about when an initiative may open.

The policy in core holds the actions; ask it. ``missing_before_open`` is pure Python (no
database), so the rule has one home and is property-tested on its own.
"""

from __future__ import annotations

from enum import StrEnum

from alongside.accounts.roles import MEMBER_ROLES, Role
from alongside.core.policy import Scope, policy

MANAGERS = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

INITIATIVE_VIEW = policy.register(
    "initiatives.initiative.view",
    roles=MEMBER_ROLES,
    description="See the organisation's initiatives and how far each has got.",
)
INITIATIVE_MANAGE = policy.register(
    "initiatives.initiative.manage",
    roles=MANAGERS,
    description="Set up initiatives, their team and checklist, and move them through stages.",
)
INITIATIVE_PUBLIC_VIEW = policy.register(
    "initiatives.initiative.public_view",
    scope=Scope.PUBLIC,
    description="Read an initiative's public page: what it is, who decides, how to take part.",
)

# Hart's ladder of participation: rungs 1 to 3 are not participation.
NOT_PARTICIPATION_BELOW = 4
RUNGS = range(1, 9)


class Missing(StrEnum):
    """What an initiative still needs before it can open (Lundy: audience and influence)."""

    CHECKLIST = "checklist"
    DECISION_MAKER = "decision_maker"
    SCOPE_FOR_INFLUENCE = "scope_for_influence"


def missing_before_open(
    *, questions: int, answered: int, decision_maker: str, scope_for_influence: str
) -> list[Missing]:
    """What stops an initiative opening, in the order the set-up page asks for it: every
    checklist question answered, and who decides and what can change stated (not blank)."""
    missing: list[Missing] = []
    if answered < questions:
        missing.append(Missing.CHECKLIST)
    if not decision_maker.strip():
        missing.append(Missing.DECISION_MAKER)
    if not scope_for_influence.strip():
        missing.append(Missing.SCOPE_FOR_INFLUENCE)
    return missing


def is_participation(rung: int | None) -> bool | None:
    """Whether a claimed rung of Hart's ladder counts as participation (None: not claimed)."""
    if rung is None:
        return None
    return rung >= NOT_PARTICIPATION_BELOW


# Sessions and attendance -------------------------------------------------------------------
# Who came to a session is personal data: staff who run sessions see it, nobody else.
SESSION_STAFF = {Role.ORG_ADMIN, Role.WORKER}

SESSION_RECORD = policy.register(
    "initiatives.session.record",
    roles=SESSION_STAFF,
    description="Record a face-to-face session and who came to it, with their minutes.",
)
SESSION_VIEW = policy.register(
    "initiatives.session.view",
    roles=SESSION_STAFF,
    description="See an initiative's sessions and who came to each (logged).",
)
