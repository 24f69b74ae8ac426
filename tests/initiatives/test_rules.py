"""The rule about when an initiative may open, as a pure function, and Hart's ladder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alongside.initiatives.rules import (
    Missing,
    is_participation,
    missing_before_open,
)

blank_or_text = st.one_of(st.sampled_from(["", " ", "\n\t"]), st.text(min_size=0, max_size=20))


def test_nothing_is_missing_when_everything_is_done():
    assert (
        missing_before_open(
            questions=13, answered=13, decision_maker="The manager", scope_for_influence="All"
        )
        == []
    )


def test_everything_is_named_when_nothing_is_done():
    assert missing_before_open(
        questions=13, answered=0, decision_maker="", scope_for_influence="  "
    ) == [Missing.CHECKLIST, Missing.DECISION_MAKER, Missing.SCOPE_FOR_INFLUENCE]


@given(
    questions=st.integers(min_value=0, max_value=30),
    answered=st.integers(min_value=0, max_value=30),
    decision_maker=blank_or_text,
    scope=blank_or_text,
)
def test_it_may_open_exactly_when_every_question_is_answered_and_both_are_stated(
    questions, answered, decision_maker, scope
):
    missing = missing_before_open(
        questions=questions,
        answered=answered,
        decision_maker=decision_maker,
        scope_for_influence=scope,
    )
    # Each thing is named exactly when it is missing, once, in the order the page asks
    assert (Missing.CHECKLIST in missing) == (answered < questions)
    assert (Missing.DECISION_MAKER in missing) == (not decision_maker.strip())
    assert (Missing.SCOPE_FOR_INFLUENCE in missing) == (not scope.strip())
    assert len(set(missing)) == len(missing)
    assert missing == sorted(missing, key=list(Missing).index)


@given(st.integers(min_value=1, max_value=8))
def test_rungs_1_to_3_are_not_participation(rung):
    assert is_participation(rung) == (rung >= 4)


def test_no_rung_claimed_is_neither():
    assert is_participation(None) is None
