"""Is a board meeting quorate? The rule, and exactly what is missing when it is not.

Pure Python (no Django), under the pure-engine contract, so the rule has one home that the
meeting page, the motion service and ``alongside governance verify`` all ask.

The rule (seed 002: "ideally requiring at least equal representation from residents for the
group to be quorate") is data, per board:

- at least ``minimum_present`` voting members present;
- young people and other residents present (the *resident side*) at least
  ``residents : professionals`` times the professionals present (1 : 1 by default);
- optionally, at least ``minimum_young_people`` young people present;
- optionally, the person in the chair is a young person.

Only voting members count, for every part of the rule: an observer is never counted, and
neither is an observer in the chair. Each unmet part is reported on its own, with the exact
number of people of that kind who would meet it (so "needs 1 more young person or resident"
means one more, and no fewer, would satisfy that part).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Constituency(StrEnum):
    """Who a seat is for. Young people are residents too: they count on the resident side."""

    YOUNG_PERSON = "young_person"
    RESIDENT = "resident"  # service users, parents and carers, community members
    PROFESSIONAL = "professional"  # officers, councillors, providers


RESIDENT_SIDE = frozenset({Constituency.YOUNG_PERSON, Constituency.RESIDENT})


@dataclass(frozen=True)
class Rule:
    minimum_present: int = 3
    residents: int = 1
    professionals: int = 1
    minimum_young_people: int = 0
    chair_is_young_person: bool = False

    def __post_init__(self) -> None:
        if self.minimum_present < 1:
            raise ValueError("A quorum needs at least one voting member present.")
        if self.residents < 1 or self.professionals < 1:
            raise ValueError("Both sides of the ratio must be at least 1.")
        if self.minimum_young_people < 0:
            raise ValueError("The least number of young people cannot be negative.")


@dataclass(frozen=True)
class Member:
    """Someone in the room at the moment asked about."""

    constituency: Constituency
    votes: bool = True
    chairing: bool = False


class Shortfall(StrEnum):
    MEMBERS = "members"  # voting members of any kind
    RESIDENT_SIDE = "resident_side"  # young people or other residents
    YOUNG_PEOPLE = "young_people"
    YOUNG_CHAIR = "young_chair"  # a young person in the chair (count is always 1)


@dataclass(frozen=True)
class Missing:
    shortfall: Shortfall
    count: int


@dataclass(frozen=True)
class Verdict:
    voting_present: int
    young_people: int
    residents: int  # the resident side: young people and other residents
    professionals: int
    young_chair: bool
    missing: tuple[Missing, ...]

    @property
    def quorate(self) -> bool:
        return not self.missing


def residents_needed(rule: Rule, professionals: int) -> int:
    """The least resident side that balances ``professionals`` under the rule's ratio:
    the smallest r with r * rule.professionals >= professionals * rule.residents."""
    return -(-professionals * rule.residents // rule.professionals)


def verdict(rule: Rule, present: Iterable[Member]) -> Verdict:
    voting = [m for m in present if m.votes]
    young = sum(1 for m in voting if m.constituency is Constituency.YOUNG_PERSON)
    residents = sum(1 for m in voting if m.constituency in RESIDENT_SIDE)
    professionals = len(voting) - residents
    young_chair = any(m.chairing and m.constituency is Constituency.YOUNG_PERSON for m in voting)
    missing: list[Missing] = []
    if len(voting) < rule.minimum_present:
        missing.append(Missing(Shortfall.MEMBERS, rule.minimum_present - len(voting)))
    needed = residents_needed(rule, professionals)
    if residents < needed:
        missing.append(Missing(Shortfall.RESIDENT_SIDE, needed - residents))
    if young < rule.minimum_young_people:
        missing.append(Missing(Shortfall.YOUNG_PEOPLE, rule.minimum_young_people - young))
    if rule.chair_is_young_person and not young_chair:
        missing.append(Missing(Shortfall.YOUNG_CHAIR, 1))
    return Verdict(
        voting_present=len(voting),
        young_people=young,
        residents=residents,
        professionals=professionals,
        young_chair=young_chair,
        missing=tuple(missing),
    )
