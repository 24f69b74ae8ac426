"""How many minutes of credit an activity earns: the organisation's rules, as pure functions.

In order: time given because it was ordered or required earns nothing; a kind the organisation
does not credit earns nothing; otherwise the rate (60 credit minutes an hour by default) and the
rounding apply; then the weekly cap takes what is left of the week's allowance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Rule(Enum):
    """Why an activity earned less than its time, as a code the pages put in words."""

    NONE = ""
    SANCTION = "sanction"
    REQUIREMENT = "requirement"
    KIND_NOT_CREDITED = "kind_not_credited"
    ROUNDED = "rounded"
    WEEKLY_CAP = "weekly_cap"


@dataclass(frozen=True)
class Outcome:
    minutes: int
    rule: Rule


def rounded(minutes: int, rounding: str) -> int:
    if rounding == "down_quarter":
        return minutes // 15 * 15
    if rounding == "nearest_quarter":
        return (minutes + 7) // 15 * 15
    if rounding == "down_hour":
        return minutes // 60 * 60
    return minutes


def credit_for(
    *,
    minutes_given: int,
    basis: str,
    earns: bool,
    credit_minutes_per_hour: int,
    rounding: str,
    weekly_cap_minutes: int | None,
    credited_this_week: int,
) -> Outcome:
    """The credit for ``minutes_given``, never negative and never above the week's allowance."""
    if basis == "sanction":
        return Outcome(0, Rule.SANCTION)
    if basis == "requirement":
        return Outcome(0, Rule.REQUIREMENT)
    if not earns:
        return Outcome(0, Rule.KIND_NOT_CREDITED)
    # Integer arithmetic throughout: rate first, rounding of the result, as the rules say.
    at_rate = minutes_given * credit_minutes_per_hour // 60
    minutes = rounded(at_rate, rounding)
    rule = Rule.ROUNDED if minutes != at_rate else Rule.NONE
    if weekly_cap_minutes is not None:
        allowance = max(0, weekly_cap_minutes - credited_this_week)
        if minutes > allowance:
            return Outcome(allowance, Rule.WEEKLY_CAP)
    return Outcome(minutes, rule)
