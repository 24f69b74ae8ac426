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
from alongside.budgeting.services.imports import read_election, round_import
from alongside.budgeting.services.results import (
    round_close,
    round_close_due,
    round_count_retry,
    round_deliver,
    round_finish,
    round_publish,
)
from alongside.budgeting.services.rounds import (
    AreaChange,
    BallotSettings,
    StageDates,
    missing_before,
    round_about_set,
    round_areas_set,
    round_ballot_set,
    round_create,
    round_dates_set,
    round_eligibility_set,
    round_proposers_set,
    round_stage_move,
)
from alongside.budgeting.services.stations import (
    CheckIn,
    Outcome,
    for_staff,
    paper_entry_resolve,
    station_cancel,
    station_check_in,
    station_close,
    station_open,
)

__all__ = [
    "DELIVERING_STAGES",
    "AreaChange",
    "BallotSettings",
    "Cast",
    "CheckIn",
    "Outcome",
    "StageDates",
    "ballot_cast",
    "eligibility_problem",
    "for_staff",
    "kiosk_ballot_cast",
    "milestone_add",
    "milestone_done",
    "missing_before",
    "paper_ballot_confirm",
    "paper_ballot_enter",
    "paper_entry_resolve",
    "project_delivered",
    "read_election",
    "round_about_set",
    "round_areas_set",
    "round_ballot_set",
    "round_close",
    "round_close_due",
    "round_count_retry",
    "round_create",
    "round_dates_set",
    "round_deliver",
    "round_eligibility_set",
    "round_finish",
    "round_import",
    "round_proposers_set",
    "round_publish",
    "round_stage_move",
    "station_cancel",
    "station_check_in",
    "station_close",
    "station_open",
    "voter_check_in",
    "voter_problem",
    "voting_open",
]

# Ideas, proposals and the feasibility panel
from alongside.budgeting.services.feasibility import (
    conflict_declare,
    feasibility_check_record,
    panel_member_add,
    panel_member_remove,
)
from alongside.budgeting.services.proposals import (
    allowed_kinds,
    budget_for,
    change_refusal,
    cost_line_add,
    cost_line_remove,
    is_staff_writer,
    may_change,
    proposal_create,
    proposal_photo_add,
    proposal_submit,
    proposal_update,
)

__all__ += [
    "allowed_kinds",
    "budget_for",
    "change_refusal",
    "conflict_declare",
    "cost_line_add",
    "cost_line_remove",
    "feasibility_check_record",
    "is_staff_writer",
    "may_change",
    "panel_member_add",
    "panel_member_remove",
    "proposal_create",
    "proposal_photo_add",
    "proposal_submit",
    "proposal_update",
]
