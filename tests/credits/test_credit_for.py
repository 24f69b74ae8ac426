"""The pure earning rules (credits/earning.py), over every input hypothesis can think of."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alongside.credits.earning import Rule, credit_for

ROUNDINGS = st.sampled_from(["exact", "down_quarter", "nearest_quarter", "down_hour"])
inputs = st.fixed_dictionaries(
    {
        "minutes_given": st.integers(1, 24 * 60),
        "basis": st.sampled_from(["chosen", "sanction", "requirement"]),
        "earns": st.booleans(),
        "credit_minutes_per_hour": st.integers(0, 600),
        "rounding": ROUNDINGS,
        "weekly_cap_minutes": st.none() | st.integers(1, 7 * 24 * 60),
        "credited_this_week": st.integers(0, 7 * 24 * 60),
    }
)


@given(inputs)
def test_never_negative_nor_above_the_time_at_its_rate(values: dict) -> None:  # type: ignore[type-arg]
    outcome = credit_for(**values)
    at_rate = values["minutes_given"] * values["credit_minutes_per_hour"] // 60
    # Rounding to the nearest quarter may round up, but never by more than 7 minutes.
    assert 0 <= outcome.minutes <= at_rate + 7


@given(inputs)
def test_the_weekly_cap_is_respected(values: dict) -> None:  # type: ignore[type-arg]
    outcome = credit_for(**values)
    cap = values["weekly_cap_minutes"]
    if cap is not None:
        assert outcome.minutes <= max(0, cap - values["credited_this_week"])


@given(inputs)
def test_sanction_and_requirement_always_earn_nothing(values: dict) -> None:  # type: ignore[type-arg]
    values["basis"] = "sanction"
    assert credit_for(**values).minutes == 0
    assert credit_for(**values).rule is Rule.SANCTION
    values["basis"] = "requirement"
    assert credit_for(**values).rule is Rule.REQUIREMENT


@given(inputs)
def test_a_kind_not_credited_earns_nothing(values: dict) -> None:  # type: ignore[type-arg]
    values["earns"] = False
    assert credit_for(**values).minutes == 0


def test_an_hour_at_the_default_rate_is_one_credit() -> None:
    outcome = credit_for(
        minutes_given=60,
        basis="chosen",
        earns=True,
        credit_minutes_per_hour=60,
        rounding="exact",
        weekly_cap_minutes=None,
        credited_this_week=0,
    )
    assert (outcome.minutes, outcome.rule) == (60, Rule.NONE)
