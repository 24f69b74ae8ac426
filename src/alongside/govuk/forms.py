"""What every form in the product shares: text boxes hold no more than their column can,
and refuse what no column can hold, in plain words."""

from __future__ import annotations

import re

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


MONEY = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")


class MoneyField(forms.Field):
    """An amount typed in pounds ("3000", "£3,000.50"), cleaned to integer pence.

    Money is never a float: the text is read digit by digit. Shown with a £ prefix and
    ``inputmode="decimal"`` (the GOV.UK pattern for money); the template passes ``prefix``.
    """

    default_error_messages = {
        "required": _("Enter an amount in pounds, like 250 or 12.50."),
        "invalid": _("Enter an amount in pounds and pence, like 250 or 12.50."),
    }

    widget = forms.TextInput

    def __init__(self, *, max_pence: int = 100_000_000_00, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.max_pence = max_pence
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false", "maxlength": "20"})

    def to_python(self, value: object) -> int | None:
        text = "" if value is None else str(value)
        text = text.strip().replace(",", "").removeprefix("£").strip()
        if not text:
            return None
        match = MONEY.match(text) if len(text) <= 20 else None
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        pence = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
        if pence > self.max_pence:
            raise forms.ValidationError(
                _("Enter an amount of %(most)s or less.") % {"most": f"£{self.max_pence // 100:,}"},
                code="max_value",
            )
        return pence

    def prepare_value(self, value: object) -> object:
        if isinstance(value, int):
            pounds, rest = divmod(value, 100)
            return f"{pounds}.{rest:02d}" if rest else str(pounds)
        return value
