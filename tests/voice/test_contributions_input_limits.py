"""Every text box in the voice forms holds what its column holds and no more (the voice copy
of tests/accounts/test_input_limits.py): a text field missing from this table fails."""

from __future__ import annotations

import inspect

import pytest
from django import forms

from alongside.accounts.models import Person
from alongside.core.limits import column_length
from alongside.voice import forms as voice_forms
from alongside.voice.models import Contribution

COLUMNS: dict[tuple[str, str], list[tuple[type, str]]] = {
    ("WordsForm", "text"): [(Contribution, "text")],
    ("EditForm", "text"): [(Contribution, "text")],
    ("RecordForm", "text"): [(Contribution, "text")],
    ("HideForm", "reason"): [(Contribution, "moderation_reason")],
}
# Compared with a column, never stored: a display name a worker types to find someone.
LOOKUPS = {("RecordForm", "author_name"): [(Person, "display_name")]}


def _text_fields() -> list[tuple[str, str, forms.CharField]]:
    found = []
    for name, form_class in inspect.getmembers(voice_forms, inspect.isclass):
        if (
            not issubclass(form_class, forms.BaseForm)
            or form_class.__module__ != voice_forms.__name__
        ):
            continue
        for field_name, field in form_class.base_fields.items():
            if type(field) is forms.CharField:
                found.append((name, field_name, field))
    return found


@pytest.mark.parametrize(("form", "field", "instance"), _text_fields())
def test_every_text_field_has_the_limit_of_its_column(
    form: str, field: str, instance: forms.CharField
) -> None:
    key = (form, field)
    assert key in COLUMNS or key in LOOKUPS, f"Add {key} to the table in this test"
    columns = COLUMNS.get(key) or LOOKUPS[key]
    limit = min(column_length(model, column) for model, column in columns)
    assert instance.max_length == limit
    assert instance.widget.attrs.get("maxlength") == str(limit)


def test_too_long_and_nul_are_refused_in_our_words() -> None:
    form = voice_forms.WordsForm({"text": "x" * 5001})
    assert form.errors["text"] == ["Use 5000 characters or fewer. You used 5001."]
    form = voice_forms.WordsForm({"text": "hello\x00"})
    assert "hidden character" in form.errors["text"][0]
    assert voice_forms.WordsForm({"text": ""}).errors["text"] == ["Enter your idea or view"]
