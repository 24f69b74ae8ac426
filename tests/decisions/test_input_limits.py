"""Every text box of the decisions forms holds what its column holds, and says so in our words."""

from __future__ import annotations

import uuid

import pytest
from django import forms

from alongside.core.limits import column_length
from alongside.decisions.forms import DecisionForm, SearchForm
from alongside.decisions.models import Decision

COLUMNS = {
    "title": (Decision, "title"),
    "what_changed": (Decision, "what_changed"),
    "decided_by": (Decision, "decided_by"),
    "forum": (Decision, "forum"),
}


def test_every_text_field_has_its_columns_limit():
    form = DecisionForm(initiatives=[])
    text_fields = {
        name for name, field in form.fields.items() if isinstance(field, forms.CharField)
    } - {"idempotency_key"}  # a UUID, checked as one
    assert text_fields == set(COLUMNS)
    for name, (model, column) in COLUMNS.items():
        field = form.fields[name]
        assert isinstance(field, forms.CharField)
        assert field.max_length == column_length(model, column), name
    assert SearchForm().fields["q"].max_length == 100


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_too_long_is_refused_in_our_words(name):
    model, column = COLUMNS[name]
    limit = column_length(model, column)
    data = {
        "title": "A",
        "what_changed": "B",
        "decided_by": "C",
        "decided_day": 1,
        "decided_month": 1,
        "decided_year": 2025,
        "idempotency_key": str(uuid.uuid4()),
        name: "x" * (limit + 1),
    }
    form = DecisionForm(data, initiatives=[])
    assert not form.is_valid()
    assert form.errors[name] == [f"Use {limit} characters or fewer. You used {limit + 1}."]


def test_a_date_that_is_not_real_or_is_in_the_future_is_refused():
    base = {
        "title": "A",
        "what_changed": "B",
        "decided_by": "C",
        "idempotency_key": str(uuid.uuid4()),
    }
    form = DecisionForm(
        {**base, "decided_day": 31, "decided_month": 2, "decided_year": 2025}, initiatives=[]
    )
    assert form.errors["decided_day"] == ["The date it was decided must be a real date"]
    form = DecisionForm(
        {**base, "decided_day": 1, "decided_month": 1, "decided_year": 2999}, initiatives=[]
    )
    assert form.errors["decided_day"] == ["The date it was decided must be today or in the past"]
