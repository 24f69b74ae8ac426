"""Property tests of the pure quorum engine: for any rule and any room, the verdict is the
rule computed directly, each shortfall is reported with exactly the number that meets it,
and observers change nothing."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from alongside.governance.quorum import (
    Constituency,
    Member,
    Missing,
    Rule,
    Shortfall,
    verdict,
)

rules = st.builds(
    Rule,
    minimum_present=st.integers(1, 12),
    residents=st.integers(1, 4),
    professionals=st.integers(1, 4),
    minimum_young_people=st.integers(0, 6),
    chair_is_young_person=st.booleans(),
)
members = st.builds(
    Member,
    constituency=st.sampled_from(list(Constituency)),
    votes=st.booleans(),
    chairing=st.booleans(),
)
rooms = st.lists(members, max_size=20)


def _direct(rule: Rule, room: list[Member]) -> bool:
    voting = [m for m in room if m.votes]
    young = [m for m in voting if m.constituency == Constituency.YOUNG_PERSON]
    residents = [m for m in voting if m.constituency != Constituency.PROFESSIONAL]
    professionals = len(voting) - len(residents)
    return (
        len(voting) >= rule.minimum_present
        and len(residents) * rule.professionals >= professionals * rule.residents
        and len(young) >= rule.minimum_young_people
        and (not rule.chair_is_young_person or any(m.chairing for m in young))
    )


def _count(missing: tuple[Missing, ...], shortfall: Shortfall) -> int | None:
    found = [m.count for m in missing if m.shortfall is shortfall]
    assert len(found) <= 1
    return found[0] if found else None


def _adding(room: list[Member], count: int, constituency: Constituency) -> list[Member]:
    return [*room, *[Member(constituency)] * count]


@given(rules, rooms)
def test_quorate_is_exactly_the_rule(rule, room):
    # given any rule and any room; when the engine judges; then it agrees with the rule
    assert verdict(rule, room).quorate is _direct(rule, room)


@given(rules, rooms)
def test_each_shortfall_is_reported_with_the_exact_count(rule, room):
    # given any room; when something is missing
    result = verdict(rule, room)

    # then each part's count meets that part, and one fewer does not
    members = _count(result.missing, Shortfall.MEMBERS)
    if members is None:
        assert result.voting_present >= rule.minimum_present
    else:
        more = verdict(rule, _adding(room, members, Constituency.RESIDENT))
        assert _count(more.missing, Shortfall.MEMBERS) is None
        fewer = verdict(rule, _adding(room, members - 1, Constituency.RESIDENT))
        assert _count(fewer.missing, Shortfall.MEMBERS) == 1

    side = _count(result.missing, Shortfall.RESIDENT_SIDE)
    if side is None:
        assert result.residents * rule.professionals >= result.professionals * rule.residents
    else:
        more = verdict(rule, _adding(room, side, Constituency.RESIDENT))
        assert _count(more.missing, Shortfall.RESIDENT_SIDE) is None
        fewer = verdict(rule, _adding(room, side - 1, Constituency.RESIDENT))
        assert _count(fewer.missing, Shortfall.RESIDENT_SIDE) == 1

    young = _count(result.missing, Shortfall.YOUNG_PEOPLE)
    if young is None:
        assert result.young_people >= rule.minimum_young_people
    else:
        more = verdict(rule, _adding(room, young, Constituency.YOUNG_PERSON))
        assert _count(more.missing, Shortfall.YOUNG_PEOPLE) is None
        fewer = verdict(rule, _adding(room, young - 1, Constituency.YOUNG_PERSON))
        assert _count(fewer.missing, Shortfall.YOUNG_PEOPLE) == 1

    chair = _count(result.missing, Shortfall.YOUNG_CHAIR)
    if chair is None:
        assert not rule.chair_is_young_person or result.young_chair
    else:
        assert chair == 1
        with_chair = [*room, Member(Constituency.YOUNG_PERSON, chairing=True)]
        assert _count(verdict(rule, with_chair).missing, Shortfall.YOUNG_CHAIR) is None


@given(rules, rooms, st.lists(members, max_size=6))
def test_observers_never_change_anything(rule, room, observers):
    # given a room; when observers (even one in the chair) join it
    watched = room + [dataclasses.replace(m, votes=False) for m in observers]

    # then the verdict is the same in every part
    assert verdict(rule, watched) == verdict(rule, room)


@given(rules, rooms)
def test_the_counts_are_of_voting_members(rule, room):
    # given any room; when judged; then the counts add up over voting members only
    result = verdict(rule, room)
    voting = [m for m in room if m.votes]
    assert result.voting_present == len(voting) == result.residents + result.professionals
    assert result.young_people <= result.residents
