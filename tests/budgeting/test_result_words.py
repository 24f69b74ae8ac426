"""Each project's result in plain words, in English and Welsh, from the count's reason data
(no database): hand-worked reasons for every code, then reasons the engine gives for generated
elections and reasons drawn with any numbers."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from babel.messages.extract import extract_from_file
from django.utils import translation
from django.utils.translation import trans_real
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.budgeting import result_words
from alongside.budgeting.result_words import project_words
from alongside.budgeting.rules import (
    BallotKind,
    Election,
    ProjectReason,
    ReasonCode,
    Stage,
    project_reasons,
    tally,
)
from tests.budgeting.rules.helpers import RULES, elections
from tests.hypothesis_profiles import examples

NAMES = {"1": "Skate park", "2": "Music room", "3": "Youth club trip"}


def reason(code: ReasonCode, stage: Stage | None = None, **fields: object) -> ProjectReason:
    given_fields: dict[str, object] = {"votes": 5, "cost": 1200, **fields}
    return ProjectReason("1", code, stage, **given_fields)  # type: ignore[arg-type]


WORKED = [
    (
        reason(
            ReasonCode.FUNDED_BY_EQUAL_SHARES,
            Stage.EQUAL_SHARES,
            votes=212,
            supporters=212,
            payers=212,
            round=1,
            exhausted=0,
            price=Fraction(1, 3),
        ),
        "Funded. 212 people who voted for it shared its cost of £1,200.",
    ),
    (
        reason(
            ReasonCode.FUNDED_BY_EQUAL_SHARES,
            Stage.EQUAL_SHARES,
            votes=3,
            supporters=3,
            payers=1,
            round=2,
            exhausted=1,
            price=Fraction(1),
            cost=900,
        ),
        "Funded. 1 of the 3 people who voted for it paid its cost of £900. The others had "
        "already spent their share.",
    ),
    (
        reason(ReasonCode.FUNDED_FREE, Stage.FREE, votes=4, cost=0),
        "Funded. It costs nothing, and 4 people voted for it.",
    ),
    (
        reason(ReasonCode.FUNDED_IN_COMPLETION, Stage.COMPLETION, cost=1500, remaining=2000),
        "Funded. After the equal shares were spent, £2,000 was still left, enough for its cost "
        "of £1,500.",
    ),
    (
        reason(ReasonCode.FUNDED_IN_COMPLETION, Stage.COMPLETION, votes=0, remaining=2000),
        "Funded. Nobody voted for it, but it fitted in the £2,000 left over.",
    ),
    (
        reason(ReasonCode.FUNDED, Stage.GREEDY, remaining=Fraction(500001, 100)),
        "Funded. Projects with the most votes were funded first. When its turn came, "
        "£5,000.01 was still left, enough for its cost of £1,200.",
    ),
    (
        reason(ReasonCode.FUNDED, Stage.GREEDY, points=40, remaining=5000),
        "Funded. Projects with the most points were funded first. When its turn came, £5,000 "
        "was still left, enough for its cost of £1,200.",
    ),
    (
        reason(
            ReasonCode.FUNDED_FROM_RESERVE,
            Stage.RESERVE,
            remaining=Fraction(19999, 20),
            reserve=Fraction(4, 5),
            cost=1000,
            score=5,
        ),
        "Funded. Projects with the most votes were funded first. When its turn came, only "
        "£999.95 was left, less than its cost of £1,000. That was at least 80% of its cost, so "
        "the rest was paid from money kept back for this.",
    ),
    (reason(ReasonCode.NO_SUPPORTERS, votes=0), "Not funded. Nobody voted for it."),
    (
        reason(ReasonCode.NO_SUPPORTERS, cost=0),
        "Not funded. It costs nothing, and this count only shares out money, so it had nothing "
        "to give this project.",
    ),
    (
        reason(ReasonCode.NO_SUPPORTERS, left_over=300),
        "Not funded. Some people voted for it, but the way this count measures what people get "
        "gave none of them anything from it. Then the £300 left over was not enough for it "
        "either.",
    ),
    (
        reason(ReasonCode.OVER_BUDGET, budget=1000, stopped_at="1"),
        "Not funded. It costs more than the whole budget of £1,000. The count stopped here, so "
        "no more projects were funded.",
    ),
    (
        reason(
            ReasonCode.SHARES_BELOW_COST,
            supporters=5,
            supporters_shares=Fraction(50000, 9),
            cost=30000,
            left_over=20000,
        ),
        "Not funded. Everyone had an equal share of the money. Together, the shares of the 5 "
        "people who voted for it came to £5,555.55, less than its cost of £30,000. Then the "
        "£20,000 left over was not enough for it either.",
    ),
    (
        reason(ReasonCode.SHARES_BELOW_COST, votes=1, supporters=1, supporters_shares=100),
        "Not funded. Everyone had an equal share of the money. Only 1 person voted for it, and "
        "their share was £100, less than its cost of £1,200.",
    ),
    (
        reason(
            ReasonCode.NOT_ENOUGH_SUPPORTERS_MONEY,
            votes=30,
            supporters=30,
            supporters_shares=6000,
            supporters_left=Fraction(1201, 3),
        ),
        "Not funded. The 30 people who voted for it had already spent their share on projects "
        "they liked more. They had only £400.33 left between them, less than its cost of "
        "£1,200.",
    ),
    (
        reason(ReasonCode.DID_NOT_FIT, remaining=700),
        "Not funded. Projects with the most votes were funded first. When its turn came, only "
        "£700 was left, less than its cost of £1,200.",
    ),
    (
        reason(ReasonCode.DID_NOT_FIT, votes=0, remaining=700, stopped_at="1"),
        "Not funded. Nobody voted for it, and it did not fit in the £700 left. The count "
        "stopped here, so no more projects were funded.",
    ),
    (
        reason(ReasonCode.BELOW_THRESHOLD, votes=3, score=3, threshold=10),
        "Not funded. It needed at least 10 votes to be funded, but it had only 3.",
    ),
    (
        reason(ReasonCode.BELOW_THRESHOLD, points=7, score=7, threshold=1),
        "Not funded. It needed at least 1 point to be funded, but it had only 7.",
    ),
    (
        reason(ReasonCode.EXCLUDED_BY_CONFLICT, conflict="2", remaining=5000),
        "Not funded. It could not be funded as well as “Music room”, which came before it in "
        "the count and was funded.",
    ),
    (
        reason(ReasonCode.NOT_REACHED, stopped_at="3", remaining=100),
        "Not funded. The count stopped at “Youth club trip”, the first project that did not "
        "fit in the money left.",
    ),
    (
        reason(ReasonCode.NOT_REACHED, stopped_at="3", stopped_funded=True, remaining=100),
        "Not funded. The count stopped after “Youth club trip”, which was funded with money "
        "kept back for this.",
    ),
]


def test_every_reason_code_has_worked_words() -> None:
    assert {worked.code for worked, _words in WORKED} == set(ReasonCode)


@pytest.mark.parametrize(("worked", "words"), WORKED, ids=lambda x: getattr(x, "code", ""))
def test_each_reason_in_plain_english(worked: ProjectReason, words: str) -> None:
    with translation.override("en"):
        assert project_words(worked, NAMES) == words


def test_welsh_says_the_same_with_welsh_numbers_of_people() -> None:
    shared = WORKED[0][0]
    with translation.override("cy"):
        assert project_words(shared, NAMES) == (
            "Wedi'i ariannu. Talodd 212 o bobl a bleidleisiodd drosto ei gost o £1,200 "
            "rhyngddyn nhw."
        )
        one = reason(ReasonCode.SHARES_BELOW_COST, votes=1, supporters=1, supporters_shares=100)
        assert "Dim ond 1 person a bleidleisiodd drosto" in project_words(one, NAMES)


# ----------------------------------------------------------------- whole in both languages

_SENTENCE_END = re.compile(r"(?<=\.)\s+")


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text)


def _check_both_languages(any_reason: ProjectReason) -> None:
    """Whole sentences in English and in Welsh, and no English sentence left in the Welsh."""
    with translation.override("en"):
        english = project_words(any_reason, NAMES)
    with translation.override("cy"):
        welsh = project_words(any_reason, NAMES)
    for text in (english, welsh):
        assert text.endswith("."), text
        assert "%(" not in text, text
        assert "None" not in text, text
    assert english.startswith("Funded." if any_reason.funded else "Not funded.")
    assert welsh.startswith("Wedi'i ariannu." if any_reason.funded else "Heb ei ariannu.")
    assert len(_sentences(welsh)) == len(_sentences(english)), (english, welsh)
    for sentence in _sentences(english):
        assert sentence not in welsh, (sentence, welsh)


@settings(examples(0.2), suppress_health_check=[HealthCheck.too_slow])
@given(elections(kind=BallotKind.APPROVAL, decimals=True), RULES)
def test_the_engines_reasons_survive_storing_and_have_words_in_both_languages(
    el: Election, rule: tuple[str, dict[str, object]]
) -> None:
    # Given any election and rule, each reason as a count stores it
    result = tally(el, rule[0], **rule[1])  # type: ignore[arg-type]
    for engine_reason in project_reasons(result).values():
        stored = ProjectReason.from_dict(engine_reason.as_dict())
        # Then it reads back as the same reason, exactly, and has words in English and Welsh
        assert stored == engine_reason
        assert stored.as_dict() == engine_reason.as_dict()
        _check_both_languages(stored)


@settings(examples(0.1), suppress_health_check=[HealthCheck.too_slow])
@given(
    elections(kind=BallotKind.APPROVAL, max_projects=4).filter(
        lambda el: len(el.instance.projects) >= 2
    ),
    st.data(),
)
def test_projects_that_exclude_each_other_have_words_in_both_languages(
    el: Election, data: st.DataObject
) -> None:
    ids = [project.id for project in el.instance.projects]
    pair = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
    result = tally(el, "greedy-exclusive", exclusive=[pair])
    for engine_reason in project_reasons(result).values():
        _check_both_languages(ProjectReason.from_dict(engine_reason.as_dict()))


# Any numbers: every plural form of Welsh (1, 2, 3, 6 and the rest) and amounts with pence.
PEOPLE = st.sampled_from([0, 1, 2, 3, 4, 6, 11, 212, 1000]) | st.integers(0, 10**6)
MONEY = st.integers(0, 10**7) | st.fractions(min_value=0, max_value=10**6, max_denominator=900)


@st.composite
def any_reasons(draw: st.DrawFn) -> ProjectReason:
    code = draw(st.sampled_from(ReasonCode))
    stage = {
        ReasonCode.FUNDED_FREE: Stage.FREE,
        ReasonCode.FUNDED_BY_EQUAL_SHARES: Stage.EQUAL_SHARES,
        ReasonCode.FUNDED_IN_COMPLETION: Stage.COMPLETION,
        ReasonCode.FUNDED: Stage.GREEDY,
        ReasonCode.FUNDED_FROM_RESERVE: Stage.RESERVE,
    }.get(code)
    supporters = draw(PEOPLE)
    return ProjectReason(
        "1",
        code,
        stage,
        draw(PEOPLE),
        draw(MONEY),
        points=draw(st.none() | PEOPLE),
        borda=draw(st.none() | PEOPLE),
        score=draw(PEOPLE),
        supporters=supporters,
        payers=draw(st.integers(0, supporters)),
        remaining=draw(MONEY),
        supporters_shares=draw(MONEY),
        supporters_left=draw(MONEY),
        budget=draw(MONEY),
        threshold=draw(PEOPLE | st.fractions(0, 100)),
        reserve=draw(st.fractions(0, 1)),
        conflict=draw(st.sampled_from(sorted(NAMES))),
        stopped_at=draw(st.sampled_from(["1", "2", "3"])),
        stopped_funded=draw(st.booleans()),
        left_over=draw(st.none() | MONEY),
    )


@settings(examples(0.4))
@given(any_reasons())
def test_any_reason_with_any_numbers_has_words_in_both_languages(any_reason: ProjectReason) -> None:
    _check_both_languages(any_reason)


def test_every_string_has_welsh_in_every_plural_form() -> None:
    # Given the messages the words are made of, and the page's two around the count's own
    extracted = extract_from_file(
        "python", result_words.__file__, keywords={"_": None, "ngettext": (1, 2)}
    )
    messages = [message for _line, message, _comments, _context in extracted]
    messages += ["How the count decided this", "In the counting program's own words:"]
    catalog = trans_real.translation("cy")._catalog  # type: ignore[attr-defined]
    # Then each has Welsh, in all five of Welsh's plural forms where it has a plural
    assert len(messages) > 30
    for message in messages:
        if isinstance(message, tuple):
            for form in range(5):
                assert catalog.get((message[0], form)), (message[0], form)
        else:
            assert catalog.get(message), message
