"""The participatory budgeting tally engine: pure Python (numpy), no Django.

Greedy and the Method of Equal Shares, identical to pabutools 1.2.3 and exact (rational
arithmetic decides every comparison), with Pabulib input and output and plain-words
explanations. See ``docs/budgeting-rules.md``.

    >>> from alongside.budgeting.rules import read_pabulib, tally
    >>> result = tally(read_pabulib("election.pb"), "mes", completion="add1-greedy")
    >>> result.selected
"""

from alongside.budgeting.rules.explain import (
    ProjectExplanation,
    VoterExplanation,
    explain_projects,
    explain_voter,
    format_money,
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
    "read_pabulib",
    "tally",
    "write_pabulib",
]
