"""What every form in the product shares: text boxes hold no more than their column can,
and refuse what no column can hold, in plain words."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

TEXT_ERRORS = {
    "max_length": _("Use %(limit_value)d characters or fewer. You used %(show_value)d."),
    # PostgreSQL cannot store a NUL byte in text; it only arrives pasted or sent by a script.
    "null_characters_not_allowed": _(
        "This has a hidden character we cannot accept. Type it in again instead of pasting it."
    ),
}


def limit_length(field: forms.Field, max_length: int) -> None:
    """Give a field made elsewhere (a library's form) the length limit of its column."""
    assert isinstance(field, forms.CharField)
    field.max_length = max_length
    field.validators.append(MaxLengthValidator(max_length))
    field.widget.attrs["maxlength"] = str(max_length)


def plain_text_errors(form: forms.BaseForm) -> None:
    """Say what is wrong with a too-long or unreadable answer in our words, not Django's."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField):
            for code, message in TEXT_ERRORS.items():
                field.error_messages.setdefault(code, message)


class Form(forms.Form):
    """The base of our forms: ``plain_text_errors`` applied to every text field."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        plain_text_errors(self)
