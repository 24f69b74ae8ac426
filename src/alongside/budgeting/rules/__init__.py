"""The participatory budgeting tally engine: pure Python (numpy), no Django.

Greedy and the Method of Equal Shares, identical to pabutools 1.2.3 and exact (rational
arithmetic decides every comparison), the rules cities announced their results by (greedy by
score, with a threshold, without skipping, with mutually exclusive projects), with Pabulib input
and output, and explanations as data (:mod:`.reasons`) and in plain words. See
``docs/budgeting-rules.md``.

    >>> from alongside.budgeting.rules import read_pabulib, tally
    >>> result = tally(read_pabulib("election.pb"), "mes", completion="add1-greedy")
    >>> result.selected
    >>> tally(election, "greedy-threshold", threshold=50).selected
"""

from alongside.budgeting.rules.explain import (
    ProjectExplanation,
    VoterExplanation,
    explain_projects,
    explain_voter,
    format_money,
    reason_text,
)
from alongside.budgeting.rules.model import (
    Ballot,
    BallotKind,
    Election,
    Instance,
    Number,
    Profile,
    Project,
)
from alongside.budgeting.rules.pabulib import (
    PabulibError,
    election_to_pabulib,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from alongside.budgeting.rules.prepare import Satisfaction
from alongside.budgeting.rules.reasons import ProjectReason, ReasonCode, project_reasons
from alongside.budgeting.rules.recorded import RecordedRule, recorded_rule, tally_as_recorded
from alongside.budgeting.rules.tally import Completion, Rule, Stage, TallyResult, tally

__all__ = [
    "Ballot",
    "BallotKind",
    "Completion",
    "Election",
    "Instance",
    "Number",
    "PabulibError",
    "Profile",
    "Project",
    "ProjectExplanation",
    "ProjectReason",
    "ReasonCode",
    "RecordedRule",
    "Rule",
    "Satisfaction",
    "Stage",
    "TallyResult",
    "VoterExplanation",
    "election_to_pabulib",
    "explain_projects",
    "explain_voter",
    "format_money",
    "parse_pabulib",
    "project_reasons",
    "read_pabulib",
    "reason_text",
    "recorded_rule",
    "tally",
    "tally_as_recorded",
    "write_pabulib",
]
