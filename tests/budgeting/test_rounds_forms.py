"""The set-up forms: every text box holds what its column holds and says so in our words, a
sum of money is read as people type it, and so is a time."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms

from alongside.budgeting import forms_rounds
from alongside.budgeting.models import Area, Round
from alongside.core.limits import column_length
from alongside.core.money import format_pence
from alongside.govuk.forms import TEXT_ERRORS


def _text_fields() -> list[tuple[str, forms.Field]]:
    built = [
        forms_rounds.AboutForm(),
        forms_rounds.AreasForm(rows=2),
        forms_rounds.DatesForm(),
    ]
    return [
        (f"{type(form).__name__}.{name}", field)
        for form in built
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField)
    ]


COLUMNS = {
    "AboutForm.title": column_length(Round, "title"),
    "AboutForm.summary": column_length(Round, "summary"),
    "AreasForm.area_1_name": column_length(Area, "name"),
    "AreasForm.area_2_name": column_length(Area, "name"),
}


def test_every_text_box_is_as_long_as_its_column_and_speaks_our_words():
    for key, field in _text_fields():
        assert field.max_length is not None, key
        assert field.widget.attrs.get("maxlength") == str(field.max_length), key
        if key in COLUMNS:
            assert field.max_length == COLUMNS[key], key
        for code in TEXT_ERRORS:
            assert code in field.error_messages, (key, code)


def test_a_nul_byte_is_refused_in_our_words():
    form = forms_rounds.AboutForm({"title": "Youth\x00budget", "summary": "x", "budget": "1"})
    assert not form.is_valid()
    assert "hidden character" in form.errors["title"][0]


def test_a_budget_is_read_in_pounds_and_kept_in_pence():
    form = forms_rounds.AboutForm({"title": "T", "summary": "S", "budget": "£20,000.5"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] == 2_000_050
    refused = forms_rounds.AboutForm({"title": "T", "summary": "S", "budget": "lots"})
    assert refused.errors["budget"] == ["Enter the budget in pounds, like 20,000 or 20,000.50"]


def test_money_is_shown_as_people_read_it():
    assert [format_pence(p) for p in (300_000, 300_050, 5, -150)] == [
        "£3,000",
        "£3,000.50",
        "£0.05",
        "-£1.50",
    ]


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("9am", dt.time(9)),
        ("9:30 AM", dt.time(9, 30)),
        ("5.30pm", dt.time(17, 30)),
        ("12pm", dt.time(12)),
        ("12am", dt.time(0)),
        ("17:00", dt.time(17)),
        ("midday", dt.time(12)),
        ("midnight", dt.time(0)),
        ("9", None),
        ("13pm", None),
        ("25:00", None),
        ("9:60", None),
        ("nine", None),
    ],
)
def test_times_are_read_as_people_type_them(typed, time):
    assert forms_rounds.parse_time(typed) == time
