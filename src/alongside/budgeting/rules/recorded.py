"""The rule a Pabulib file records (META ``rule``), as the engine's rule and parameters.

So that an official outcome can be recounted by the rule that decided it:
``tally_as_recorded(read_pabulib("Poland_Lodz_2022.pb"))``, or ``--rule meta`` on the command
line. META's ``greedy`` is greedy by score (Kraków ranks projects by points for first, second
and third choices, not by points per złoty); its threshold comes from
``min_project_score_threshold`` for every greedy variant that has one (Gdynia's no-skip count
has one too), and greedy-custom's reserve share from the comment (Poznań's "at least 80%").
The files Alongside's rounds write record Equal Shares as ``mes/<completion>``, read as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from alongside.budgeting.rules.model import Election, Instance, Number
from alongside.budgeting.rules.scored import reserve_from_comment, threshold_from_meta
from alongside.budgeting.rules.tally import Completion, Rule, TallyResult, tally

_RULES: dict[str, tuple[Rule, Completion | None]] = {
    "greedy": (Rule.GREEDY_SCORE, None),
    "greedy-threshold": (Rule.GREEDY_THRESHOLD, None),
    "greedy-no-skip": (Rule.GREEDY_NO_SKIP, None),
    "greedy-exclusive": (Rule.GREEDY_EXCLUSIVE, None),
    "greedy-custom": (Rule.GREEDY_CUSTOM, None),
    "equalshares": (Rule.MES, Completion.NONE),
    "equalshares/add1": (Rule.MES, Completion.ADD1),
    "equalshares/add1-comparison": (Rule.MES_ADD1_COMPARISON, None),
}


@dataclass(frozen=True, slots=True)
class RecordedRule:
    rule: Rule
    completion: Completion | None = None
    threshold: Number | None = None
    reserve: Fraction | None = None


def recorded_rule(instance: Instance) -> RecordedRule:
    """The rule and parameters META records; ``ValueError`` when the engine has none for it
    (``unknown``, or a rule Pabulib knows that no file here uses, such as
    ``equalshares-comparison``)."""
    name = instance.meta.get("rule", "").strip().lower()
    if name.startswith("mes/") and name[4:] in set(Completion):
        return RecordedRule(Rule.MES, Completion(name[4:]))  # as Alongside's rounds write it
    if name not in _RULES:
        known = ", ".join(_RULES)
        raise ValueError(f"META records the rule {name or 'nothing'!r}: choose one ({known})")
    rule, completion = _RULES[name]
    if not rule.by_score:
        return RecordedRule(rule, completion)
    threshold = threshold_from_meta(instance.meta)
    if rule is Rule.GREEDY_SCORE:
        threshold = None  # Pabulib records a greedy count with a threshold as greedy-threshold
    reserve = reserve_from_comment(instance.meta) if rule is Rule.GREEDY_CUSTOM else None
    return RecordedRule(rule, completion, threshold, reserve)


def tally_as_recorded(election: Election, tie_break_seed: str | None = None) -> TallyResult:
    """Tally by the rule the file records, with its parameters."""
    found = recorded_rule(election.instance)
    return tally(
        election,
        found.rule,
        completion=found.completion,
        tie_break_seed=tie_break_seed,
        threshold=found.threshold,
        reserve=found.reserve,
    )
