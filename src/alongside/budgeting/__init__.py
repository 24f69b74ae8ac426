"""Youth budgets: rounds, proposals, ballots; rules/ is the pure tally engine."""
