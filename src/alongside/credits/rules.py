"""Who may do what with time credits. The policy in core holds the actions; ask it.

A young person's credits are their own: pages for "my credits" show only the signed-in
person's account. Staff who run activities approve credits and see the load signals; the
organisation admin sets the rules and the catalogue; a reward partner checks vouchers.
"""

from __future__ import annotations

from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.core.policy import policy

# Staff who run sessions and meetings, and so approve the credits they earned.
APPROVERS = {Role.ORG_ADMIN, Role.WORKER}

OWN_CREDITS = policy.register(
    "credits.own.view",
    roles=set(PARTICIPANT_ROLES),
    description="See your own time credits: balance, where each came from, goals; claim time "
    "you gave, gift credits, take a reward.",
)
CREDITS_APPROVE = policy.register(
    "credits.approve",
    roles=APPROVERS,
    description="Approve credits proposed from attendance and credits young people claimed; "
    "issue or adjust credits with a reason.",
)
SIGNALS_VIEW = policy.register(
    "credits.signals.view",
    roles=APPROVERS,
    description="See who has given a lot of time lately (burnout signals) and how contribution "
    "is spread (aggregates only).",
)
CREDITS_MANAGE = policy.register(
    "credits.manage",
    roles={Role.ORG_ADMIN},
    description="Set the organisation's earning rules, rewards, partners, pots and milestones; "
    "see the credits reports.",
)
VOUCHER_CHECK = policy.register(
    "credits.voucher.check",
    roles={Role.REWARD_PARTNER},
    description="Check a voucher code for one of your partner's rewards and mark it used.",
)
