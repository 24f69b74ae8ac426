"""Every text box on the theme and answer forms holds what its column holds, and no more."""

from __future__ import annotations

import inspect

import pytest
from django import forms
from django.core.validators import MaxLengthValidator

from alongside.core.limits import column_length
from alongside.voice import forms_answers
from alongside.voice.models import Answer, Theme

COLUMNS = {
    ("ThemeNameForm", "name"): (Theme, "name"),
    ("ThemeDescriptionForm", "description"): (Theme, "description"),
    ("ThemeCreateForm", "name"): (Theme, "name"),
    ("ThemeCreateForm", "description"): (Theme, "description"),
    ("AnswerForm", "text"): (Answer, "text"),
    ("AnswerForm", "passed_to"): (Answer, "passed_to"),
}
# Choices, not typed text: the form refuses anything not offered.
CHOICES = {
    ("ThemeCreateForm", "initiative"),
    ("ThemeChoiceForm", "theme"),
    ("AnswerForm", "status"),
}
# A UUID, made by the form: anything that is not one is refused.
KEYS = {("IdempotencyMixin", "idempotency_key"), ("AnswerForm", "idempotency_key")}


def text_fields() -> list[tuple[tuple[str, str], forms.Field]]:
    found = []
    for name, value in vars(forms_answers).items():
        if inspect.isclass(value) and issubclass(value, forms.BaseForm):
            for field_name, field in value().fields.items():
                if isinstance(field, forms.CharField | forms.ChoiceField):
                    found.append(((name, field_name), field))
    return found


def test_every_text_field_has_the_length_of_its_column():
    seen = set()
    for key, field in text_fields():
        seen.add(key)
        if key in KEYS:
            assert isinstance(field, forms.UUIDField), key
            continue
        if key in CHOICES:
            assert isinstance(field, forms.ChoiceField), key
            continue
        assert key in COLUMNS, f"{key} is not in the table"
        assert isinstance(field, forms.CharField)
        assert field.max_length == column_length(*COLUMNS[key]), key
        assert any(isinstance(v, MaxLengthValidator) for v in field.validators), key
    assert set(COLUMNS) <= seen


@pytest.mark.parametrize("key", sorted(COLUMNS))
def test_too_long_is_refused_in_our_words(key):
    form_name, field_name = key
    limit = column_length(*COLUMNS[key])
    form = getattr(forms_answers, form_name)({field_name: "a" * (limit + 1)})
    form.is_valid()
    assert f"Use {limit} characters or fewer" in str(form.errors[field_name])
