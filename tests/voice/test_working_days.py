"""Working days in England and Wales: known dates, the bank holiday list, and properties."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from alongside.voice.working_days import (
    BANK_HOLIDAYS,
    FIRST_YEAR,
    LAST_YEAR,
    add_working_days,
    is_working_day,
    waiting_since_cut_off,
    working_days_between,
)

D = dt.date
days = st.dates(min_value=D(FIRST_YEAR, 1, 1), max_value=D(LAST_YEAR, 10, 31))
counts = st.integers(min_value=0, max_value=60)


def _easter(year: int) -> dt.date:
    """Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return D(year, month, day + 1)


def _monday_on_or_after(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> dt.date:
    last = D(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=last.weekday())


def _by_the_rules(year: int) -> set[dt.date]:
    """England and Wales bank holidays worked out from the rules, substitute days included."""
    new_year = D(year, 1, 1)
    if new_year.weekday() >= 5:
        new_year = _monday_on_or_after(new_year)
    easter = _easter(year)
    christmas, boxing = D(year, 12, 25), D(year, 12, 26)
    if christmas.weekday() == 5:  # Saturday: Monday and Tuesday
        christmas, boxing = D(year, 12, 27), D(year, 12, 28)
    elif christmas.weekday() == 6:  # Sunday: Boxing Day Monday, Christmas Tuesday
        christmas, boxing = D(year, 12, 27), D(year, 12, 26)
    elif boxing.weekday() == 5:  # Boxing Day on Saturday: Monday
        boxing = D(year, 12, 28)
    return {
        new_year,
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=1),
        _monday_on_or_after(D(year, 5, 1)),
        _last_monday(year, 5),
        _last_monday(year, 8),
        christmas,
        boxing,
    }


def test_easter_falls_on_the_published_dates():
    # The algorithm the list is checked against gives the Easter Sundays everyone knows
    assert [_easter(y) for y in range(2024, 2031)] == [
        D(2024, 3, 31),
        D(2025, 4, 20),
        D(2026, 4, 5),
        D(2027, 3, 28),
        D(2028, 4, 16),
        D(2029, 4, 1),
        D(2030, 4, 21),
    ]


def test_the_bank_holiday_list_is_every_england_and_wales_holiday_from_2024_to_2030():
    expected = set().union(*(_by_the_rules(y) for y in range(FIRST_YEAR, LAST_YEAR + 1)))
    assert expected == BANK_HOLIDAYS
    assert len(BANK_HOLIDAYS) == 8 * 7


def test_known_dates_from_the_published_list():
    # Good Friday and Easter Monday 2026, the Boxing Day substitute in 2026, 2027's Christmas
    assert {D(2026, 4, 3), D(2026, 4, 6), D(2026, 12, 28)} <= BANK_HOLIDAYS
    assert {D(2027, 12, 27), D(2027, 12, 28), D(2028, 1, 3)} <= BANK_HOLIDAYS
    assert D(2026, 12, 26) not in BANK_HOLIDAYS  # a Saturday; its substitute is the holiday


def test_a_bank_holiday_and_a_weekend_are_not_working_days():
    assert not is_working_day(D(2026, 12, 25))
    assert not is_working_day(D(2026, 12, 5))  # Saturday
    assert is_working_day(D(2026, 12, 1))


def test_counting_working_days_skips_weekends_and_holidays():
    # Sent on Friday 18 December 2026: Christmas Day (Friday) and Boxing Day's Monday skipped
    assert working_days_between(D(2026, 12, 18), D(2026, 12, 21)) == 1
    assert working_days_between(D(2026, 12, 18), D(2026, 12, 29)) == 5
    # Over Easter 2026: Good Friday and Easter Monday skipped
    assert working_days_between(D(2026, 4, 2), D(2026, 4, 7)) == 1
    # The day itself does not count; an earlier end is none
    assert working_days_between(D(2026, 12, 1), D(2026, 12, 1)) == 0
    assert working_days_between(D(2026, 12, 2), D(2026, 12, 1)) == 0


def test_twenty_working_days_after_a_date():
    assert add_working_days(D(2026, 12, 1), 20) == D(2026, 12, 31)
    assert add_working_days(D(2026, 12, 18), 5) == D(2026, 12, 29)
    assert add_working_days(D(2026, 3, 20), 20) == D(2026, 4, 21)  # Easter in between


def test_the_cut_off_for_twenty_working_days():
    # On 1 December 2026, something sent on 3 November has waited 20 working days, not more
    assert waiting_since_cut_off(D(2026, 12, 1), 20) == D(2026, 11, 3)
    assert working_days_between(D(2026, 11, 3), D(2026, 12, 1)) == 20
    assert working_days_between(D(2026, 11, 2), D(2026, 12, 1)) == 21


@given(start=days, n=counts)
def test_adding_then_counting_gives_n(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(start=days, n=st.integers(min_value=1, max_value=60))
def test_adding_never_lands_on_a_weekend_or_a_holiday(start, n):
    end = add_working_days(start, n)
    assert end.weekday() < 5
    assert end not in BANK_HOLIDAYS


@given(start=days, n=counts, more=st.integers(min_value=0, max_value=30))
def test_adding_more_days_never_goes_back(start, n, more):
    assert add_working_days(start, n) <= add_working_days(start, n + more)


@given(a=days, b=days, end=days)
def test_counting_is_monotone(a, b, end):
    early, late = sorted((a, b))
    # Sent earlier, it has waited at least as long; and longer the later you look
    assert working_days_between(early, end) >= working_days_between(late, end)
    assert working_days_between(early, late) <= working_days_between(early, max(late, end))


@given(sent=days, today=days, n=counts)
def test_the_cut_off_says_exactly_what_has_waited_more_than_n(sent, today, n):
    assert (working_days_between(sent, today) > n) == (sent < waiting_since_cut_off(today, n))


@given(a=days, b=days, c=days)
def test_counting_adds_up_over_a_split(a, b, c):
    x, y, z = sorted((a, b, c))
    assert working_days_between(x, z) == working_days_between(x, y) + working_days_between(y, z)


def test_the_list_runs_at_least_two_years_ahead():
    # When this fails, add the next years from https://www.gov.uk/bank-holidays
    assert dt.date.today().year + 2 <= LAST_YEAR
