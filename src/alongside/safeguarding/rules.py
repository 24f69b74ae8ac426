"""Who may do what with safeguarding concerns. Only the organisation's designated safeguarding
leads read them: not organisation admins, not workers (Working Together to Safeguard Children).
Workers and admins may raise one, and anyone taking part may say they feel unsafe or unhappy."""

from __future__ import annotations

from alongside.accounts.roles import Role
from alongside.core.policy import Scope, policy

LEADS = {Role.SAFEGUARDING_LEAD}
RAISERS = {Role.ORG_ADMIN, Role.WORKER}

HELP_VIEW = policy.register(
    "safeguarding.help.view",
    scope=Scope.PUBLIC,
    description=(
        "See who to talk to if you feel unsafe or unhappy; signed in and taking part, tell "
        "the organisation's safeguarding lead."
    ),
)
CONCERN_RAISE_SELF = policy.register(
    "safeguarding.concern.raise_self",
    scope=Scope.SIGNED_IN,
    description=(
        "Say you feel unsafe or unhappy, to an organisation you take part in (young people, "
        "parents and carers, community members), and see what you were told back."
    ),
)
CONCERN_RAISE = policy.register(
    "safeguarding.concern.raise",
    roles=RAISERS,
    description="Raise a safeguarding concern about what you saw or read (not read it after).",
)
CONCERN_HANDLE = policy.register(
    "safeguarding.concern.handle",
    roles=LEADS,
    description=(
        "Read, acknowledge, answer and close the organisation's safeguarding concerns "
        "(every look is logged)."
    ),
)
