"""Working days in England and Wales: weekdays that are not bank holidays.

Pure Python (no Django), so it can be reasoned about and tested on its own. A contribution
waiting for an answer counts the working days that have passed since it was sent: the day it
was sent does not count, the day it is now does.

The bank holidays are those of England and Wales, from the UK government's published list
(https://www.gov.uk/bank-holidays, "England and Wales"; also as JSON at
https://www.gov.uk/bank-holidays.json). The list published there runs about two years ahead;
the later years below follow the same rules the list does (New Year's Day, Good Friday, Easter
Monday, the first and last Mondays in May, the last Monday in August, Christmas Day and Boxing
Day, with a substitute weekday when one falls at a weekend). A one-off holiday (a coronation,
a state funeral) is added here when the government announces it. After 2030 only weekends are
skipped, which a test will point out before that matters.
"""

from __future__ import annotations

import datetime as dt

_D = dt.date

BANK_HOLIDAYS: frozenset[dt.date] = frozenset(
    {
        # 2024
        _D(2024, 1, 1),  # New Year's Day
        _D(2024, 3, 29),  # Good Friday
        _D(2024, 4, 1),  # Easter Monday
        _D(2024, 5, 6),  # Early May bank holiday
        _D(2024, 5, 27),  # Spring bank holiday
        _D(2024, 8, 26),  # Summer bank holiday
        _D(2024, 12, 25),  # Christmas Day
        _D(2024, 12, 26),  # Boxing Day
        # 2025
        _D(2025, 1, 1),
        _D(2025, 4, 18),
        _D(2025, 4, 21),
        _D(2025, 5, 5),
        _D(2025, 5, 26),
        _D(2025, 8, 25),
        _D(2025, 12, 25),
        _D(2025, 12, 26),
        # 2026 (Easter Sunday 5 April)
        _D(2026, 1, 1),
        _D(2026, 4, 3),
        _D(2026, 4, 6),
        _D(2026, 5, 4),
        _D(2026, 5, 25),
        _D(2026, 8, 31),
        _D(2026, 12, 25),
        _D(2026, 12, 28),  # Boxing Day (substitute day: 26 December is a Saturday)
        # 2027 (Easter Sunday 28 March)
        _D(2027, 1, 1),
        _D(2027, 3, 26),
        _D(2027, 3, 29),
        _D(2027, 5, 3),
        _D(2027, 5, 31),
        _D(2027, 8, 30),
        _D(2027, 12, 27),  # Christmas Day (substitute day: 25 December is a Saturday)
        _D(2027, 12, 28),  # Boxing Day (substitute day: 26 December is a Sunday)
        # 2028 (Easter Sunday 16 April)
        _D(2028, 1, 3),  # New Year's Day (substitute day: 1 January is a Saturday)
        _D(2028, 4, 14),
        _D(2028, 4, 17),
        _D(2028, 5, 1),
        _D(2028, 5, 29),
        _D(2028, 8, 28),
        _D(2028, 12, 25),
        _D(2028, 12, 26),
        # 2029 (Easter Sunday 1 April)
        _D(2029, 1, 1),
        _D(2029, 3, 30),
        _D(2029, 4, 2),
        _D(2029, 5, 7),
        _D(2029, 5, 28),
        _D(2029, 8, 27),
        _D(2029, 12, 25),
        _D(2029, 12, 26),
        # 2030 (Easter Sunday 21 April)
        _D(2030, 1, 1),
        _D(2030, 4, 19),
        _D(2030, 4, 22),
        _D(2030, 5, 6),
        _D(2030, 5, 27),
        _D(2030, 8, 26),
        _D(2030, 12, 25),
        _D(2030, 12, 26),
    }
)

FIRST_YEAR = 2024
LAST_YEAR = 2030

_ONE_DAY = dt.timedelta(days=1)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in BANK_HOLIDAYS


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days come after ``start``, up to and including ``end`` (0 if ``end``
    is not after ``start``). Sent on a Friday, it has waited 1 working day on Monday."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, extra = divmod(days, 7)
    count = weeks * 5
    day = start + dt.timedelta(days=weeks * 7)
    for _ in range(extra):
        day += _ONE_DAY
        if day.weekday() < 5:
            count += 1
    holidays = sum(1 for holiday in BANK_HOLIDAYS if start < holiday <= end)
    return count - holidays


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The working day that is ``n`` working days after ``start`` (``start`` itself if ``n`` is
    0). So ``working_days_between(start, add_working_days(start, n)) == n``."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += _ONE_DAY
        if is_working_day(day):
            n -= 1
    return day


def waiting_since_cut_off(today: dt.date, n: int) -> dt.date:
    """The first day something could have been sent and still not have waited more than ``n``
    working days by ``today``. Sent on a day before it, it has waited more than ``n``:

        working_days_between(sent, today) > n  exactly when  sent < waiting_since_cut_off(today, n)

    So a database can find what is overdue by comparing one date."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = today
    waited = 0  # working_days_between(day, today)
    while True:
        waited_from_day_before = waited + (1 if is_working_day(day) else 0)
        if waited_from_day_before > n:
            return day
        waited = waited_from_day_before
        day -= _ONE_DAY
