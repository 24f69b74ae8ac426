"""Money as people read it: pence shown as "£3,000" or "£3,000.50"."""

from __future__ import annotations

from fractions import Fraction

from alongside.budgeting.rules import format_money


def pounds(pence: int) -> str:
    return format_money(Fraction(pence, 100), "GBP")
