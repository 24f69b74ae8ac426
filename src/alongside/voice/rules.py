"""What each role may do in the voice domain. The policy in core holds these; ask it."""

from __future__ import annotations

from alongside.accounts.roles import Role
from alongside.core.policy import policy

# Themes and answers
ANSWER_STAFF = {Role.ORG_ADMIN, Role.WORKER}
# Commissioners read what is waiting for an answer (UX: "overdue answers"), and change nothing.
ANSWER_READERS = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

THEME_VIEW = policy.register(
    "voice.theme.view",
    roles=ANSWER_READERS,
    description="See the themes contributions are grouped into, and what is in each.",
)
THEME_MANAGE = policy.register(
    "voice.theme.manage",
    roles=ANSWER_STAFF,
    description="Make, rename and describe themes, and put contributions in them.",
)
ANSWER_VIEW = policy.register(
    "voice.answer.view",
    roles=ANSWER_READERS,
    description="See the answers contributions got, and which are waiting too long.",
)
ANSWER_GIVE = policy.register(
    "voice.answer.give",
    roles=ANSWER_STAFF,
    description="Answer a contribution or a theme (the authors are told).",
)
CONTRIBUTION_EXPORT = policy.register(
    "voice.contribution.export",
    roles=ANSWER_STAFF,
    description="Download every contribution and its answer as a spreadsheet (logged).",
)
