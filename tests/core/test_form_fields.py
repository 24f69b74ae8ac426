"""Shared form fields: money typed in pounds becomes integer pence (shown the GOV.UK way),
and a GOV.UK date input becomes a date or a problem in plain words."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.govuk.forms import DateInputField, Form, MoneyField
from alongside.govuk.jinja_helpers import format_money


class AmountForm(Form):
    amount = MoneyField(max_pence=5_000_000)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [
        ("3000", 300_000),
        ("£3,000.50", 300_050),
        (" 12.5 ", 1_250),
        ("0.07", 7),
        ("50000", 5_000_000),
    ],
)
def test_pounds_typed_become_pence(typed: str, pence: int) -> None:
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == pence


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter an amount in pounds, like 250 or 12.50."),
        ("twelve", "Enter an amount in pounds and pence, like 250 or 12.50."),
        ("1.234", "Enter an amount in pounds and pence, like 250 or 12.50."),
        ("-5", "Enter an amount in pounds and pence, like 250 or 12.50."),
        ("50000.01", "Enter an amount of £50,000 or less."),
    ],
)
def test_what_is_not_money_is_refused_in_plain_words(typed: str, message: str) -> None:
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert form.errors["amount"] == [message]


@given(st.integers(min_value=0, max_value=5_000_000))
def test_shown_money_reads_back_as_the_same_pence(pence: int) -> None:
    shown = format_money(pence)
    form = AmountForm({"amount": shown})
    assert form.is_valid(), (shown, form.errors)
    assert form.cleaned_data["amount"] == pence
    assert shown.endswith(".00") is False


def test_whole_pounds_have_no_pence() -> None:
    assert format_money(300_000) == "£3,000"
    assert format_money(300_050) == "£3,000.50"


class DoneForm(Form):
    done_on = DateInputField(what="the date it was done")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date it was done"),
        ("4", "", "2026", "The date it was done must include a day, a month and a year"),
        ("31", "2", "2026", "The date it was done must be a real date"),
        ("4", "6", "1999", "The date it was done must be between 2000 and 2100"),
        ("4x", "6", "2026", "The date it was done must be a real date"),
    ],
)
def test_a_date_not_given_whole_is_refused_in_the_design_systems_words(
    day: str, month: str, year: str, message: str
) -> None:
    form = DoneForm({"done_on_day": day, "done_on_month": month, "done_on_year": year})
    assert not form.is_valid()
    assert form.errors["done_on"] == [message]


def test_a_whole_date_is_a_date() -> None:
    form = DoneForm({"done_on_day": "4", "done_on_month": "6", "done_on_year": "2026"})
    assert form.is_valid()
    assert form.cleaned_data["done_on"] == dt.date(2026, 6, 4)
