"""What each role may do with initiatives. The policy in core holds these; ask it."""

from __future__ import annotations

from alongside.accounts.roles import Role
from alongside.core.policy import policy

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
