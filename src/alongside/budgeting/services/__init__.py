"""Every change to youth budget rounds goes through a function here: one module per sub-area
(``rounds`` for setting up; ``ballots`` for every way a vote arrives). This package is the
surface this domain's views, API and commands call."""

from alongside.budgeting.services.ballots import (
    Cast,
    ballot_cast,
    eligibility_problem,
    kiosk_ballot_cast,
    paper_ballot_confirm,
    paper_ballot_enter,
    voter_check_in,
    voter_problem,
    voting_open,
)
from alongside.budgeting.services.delivery import (
    DELIVERING_STAGES,
    milestone_add,
    milestone_done,
    project_delivered,
)
from alongside.budgeting.services.rounds import round_create

__all__ = [
    "DELIVERING_STAGES",
    "Cast",
    "ballot_cast",
    "eligibility_problem",
    "kiosk_ballot_cast",
    "milestone_add",
    "milestone_done",
    "paper_ballot_confirm",
    "paper_ballot_enter",
    "project_delivered",
    "round_create",
    "voter_check_in",
    "voter_problem",
    "voting_open",
]
