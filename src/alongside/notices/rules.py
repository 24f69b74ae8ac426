"""What anyone may do with notices. The policy in core holds these; ask it."""

from __future__ import annotations

from alongside.core.policy import Scope, policy

OWN_NOTICES = policy.register(
    "notices.own.manage",
    scope=Scope.SIGNED_IN,
    description="See your own notices and mark them as read.",
)
