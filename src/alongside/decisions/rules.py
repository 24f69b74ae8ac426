"""Who may record decisions, and who may see them. The policy in core holds these; ask it."""

from __future__ import annotations

from alongside.accounts.roles import Role
from alongside.core.policy import Scope, policy

RECORDERS = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

DECISION_RECORD = policy.register(
    "decisions.decision.record",
    roles=RECORDERS,
    description="Record a decision and what it used of what young people said.",
)
DECISION_VIEW = policy.register(
    "decisions.decision.view",
    scope=Scope.PUBLIC,
    description="See decisions and the 'You said, we did' boards (public words only).",
)
OWN_WHAT_HAPPENED = policy.register(
    "decisions.own_what_happened.view",
    scope=Scope.SIGNED_IN,
    description="See what happened to each thing you said, across organisations.",
)
