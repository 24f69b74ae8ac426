"""The quorum in words: what the meeting tag and a refused vote say."""

from __future__ import annotations

from alongside.governance.quorum import Constituency, Member, Missing, Rule, Shortfall, verdict
from alongside.governance.quorum_words import (
    missing_words,
    rule_words,
    verdict_refusal,
    verdict_tag,
)

YOUNG = Member(Constituency.YOUNG_PERSON)
PRO = Member(Constituency.PROFESSIONAL)


def test_a_quorate_meeting_is_tagged_quorate() -> None:
    assert verdict_tag(verdict(Rule(), [YOUNG, YOUNG, PRO])) == "Quorate"


def test_the_tag_says_exactly_who_is_missing() -> None:
    # Given two professionals and one young person, under the default 1 : 1 rule
    tag = verdict_tag(verdict(Rule(), [YOUNG, PRO, PRO]))
    # Then one more young person or resident is what is missing
    assert tag == "Not quorate: needs 1 more young person or resident"


def test_several_shortfalls_are_joined_in_one_sentence() -> None:
    rule = Rule(minimum_present=4, minimum_young_people=2, chair_is_young_person=True)
    words = verdict_refusal(verdict(rule, [PRO]))
    assert (
        "It needs 3 more voting members, 1 more young person or resident, 2 more young "
        "people and a young person in the chair."
    ) in words


def test_missing_words_count_in_the_singular_and_plural() -> None:
    assert missing_words(Missing(Shortfall.YOUNG_PEOPLE, 1)) == "1 more young person"
    assert missing_words(Missing(Shortfall.YOUNG_PEOPLE, 2)) == "2 more young people"
    assert missing_words(Missing(Shortfall.MEMBERS, 1)) == "1 more voting member"


def test_the_rule_in_words_names_each_part_it_has() -> None:
    plain = rule_words(Rule())
    assert plain[0] == "At least 3 voting members must be there."
    assert "at least as many young people and residents as professionals" in plain[1]
    strict = " ".join(
        rule_words(Rule(residents=2, minimum_young_people=1, chair_is_young_person=True))
    )
    assert "For each professional there, at least 2 young people or residents" in strict
    assert "At least 1 young person must be there." in strict
    assert "A young person must chair the meeting." in strict
