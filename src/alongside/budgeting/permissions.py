"""What each role may do with youth budget rounds.

Other domains call this module ``rules.py``; here that name is the tally engine's package
(``budgeting.rules``), so the permissions live under their own name. Ask the policy in core.
"""

from __future__ import annotations

from alongside.accounts.roles import Role
from alongside.core.policy import Scope, policy

ROUND_STAFF = {Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER}

ROUND_VIEW = policy.register(
    "budgeting.round.view",
    roles={Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.COUNCILLOR},
    description="See the organisation's youth budget rounds, their proposals and turnout.",
)
ROUND_MANAGE = policy.register(
    "budgeting.round.manage",
    roles=ROUND_STAFF,
    description="Set up a youth budget round, move it through its stages and publish results.",
)
ROUND_PUBLIC_VIEW = policy.register(
    "budgeting.round.public_view",
    scope=Scope.PUBLIC,
    description="Read a round's public pages: its rules, proposals, results and seal.",
)
PROPOSAL_WRITE = policy.register(
    "budgeting.proposal.write",
    roles={Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON},
    description="Turn ideas into a costed proposal for a round.",
)
FEASIBILITY_CHECK = policy.register(
    "budgeting.proposal.check",
    roles={Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON},
    description="Check proposals as a member of a round's feasibility panel.",
)
BALLOT_CAST = policy.register(
    "budgeting.ballot.cast",
    roles={Role.YOUNG_PERSON},
    description="Vote in a round you are eligible for.",
)
RECEIPT_CHECK = policy.register(
    "budgeting.ballot.receipt",
    scope=Scope.PUBLIC,
    description="Check with a receipt code that a ballot is in the sealed set.",
)
POLLING_STATION_RUN = policy.register(
    "budgeting.station.run",
    roles={Role.ORG_ADMIN, Role.WORKER},
    description="Run a polling station: check voters in, open the kiosk, enter paper ballots.",
)
OWN_VOTES = policy.register(
    "budgeting.own_votes.view",
    scope=Scope.SIGNED_IN,
    description="See the rounds you voted in online or at a polling station, with your receipts.",
)

# Ideas, proposals and the feasibility panel ---------------------------------------------------
PROPOSAL_VIEW = policy.register(
    "budgeting.proposal.view",
    roles={Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.COUNCILLOR, Role.YOUNG_PERSON},
    description=(
        "See a proposal before it is published: staff any, a young person those they wrote, "
        "lead or check on the panel."
    ),
)
