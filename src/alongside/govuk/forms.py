"""What every form in the product shares: text boxes hold no more than their column can,
and refuse what no column can hold, in plain words."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.core.errors import ValidationFailed
from alongside.core.files import check_document, check_image
from alongside.core.money import pounds_text

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


class IdempotencyKeyField(forms.UUIDField):
    """The key made when a form's page is shown, hidden in the form: a write sent twice (a
    double tap, the back button, a retry) is stored once, as the service's key decides."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)
        unreadable = _("This form could not be read. Go back and start again.")
        self.error_messages.update({"required": unreadable, "invalid": unreadable})


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
            return pounds_text(value, whole_without_pence=True)
        return value


class DateWidget(forms.MultiWidget):
    """Three boxes named ``<name>_day``, ``<name>_month`` and ``<name>_year``."""

    def __init__(self) -> None:
        numeric = {"inputmode": "numeric"}
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs=numeric),
                "month": forms.TextInput(attrs=numeric),
                "year": forms.TextInput(attrs=numeric),
            }
        )

    def decompress(self, value: dt.date | None) -> list[int | None]:
        return [value.day, value.month, value.year] if value else [None, None, None]

    def id_for_label(self, id_: str) -> str:
        # The error summary links to the day box, as the date input macro names it (Django's
        # MultiWidget gives no id, so the link went nowhere).
        return f"{id_}_day" if id_ else id_


class DateInputField(forms.Field):
    """A GOV.UK date input (day, month and year boxes) cleaned to a ``datetime.date``.

    ``what`` names the date in its error messages ("the date it was done"), as the Design
    System asks. Render it with the ``date_input`` macro in ``govuk/date_input.html``.
    """

    def __init__(self, *, what: StrOrPromise, **kwargs: object) -> None:
        kwargs.setdefault("widget", DateWidget())
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.what = what

    def _problem(self, message: StrOrPromise) -> forms.ValidationError:
        what = str(self.what)
        return forms.ValidationError(str(message) % {"what": what[:1].upper() + what[1:]})

    def to_python(self, value: object) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        given = list(value) if isinstance(value, list | tuple) else []
        parts = [str(part or "").strip() for part in given] + [""] * (3 - len(given))
        if not any(parts):
            return None
        if not all(parts):
            raise self._problem(_("%(what)s must include a day, a month and a year"))
        if not all(part.isdigit() and len(part) <= 4 for part in parts):
            raise self._problem(_("%(what)s must be a real date"))
        day, month, year = (int(part) for part in parts)
        if not 2000 <= year <= 2100:
            raise self._problem(_("%(what)s must be between 2000 and 2100"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise self._problem(_("%(what)s must be a real date")) from None

    def validate(self, value: object) -> None:
        if value is None and self.required:
            raise forms.ValidationError(_("Enter %(what)s") % {"what": self.what}, code="required")


class PhotoField(forms.ImageField):
    """A JPG or PNG photo of at most 5 MB, really an image (``core.files.check_image``)."""

    default_error_messages = {
        "invalid_image": _("The photo must be a JPG or PNG"),
        "invalid": _("The photo must be a JPG or PNG"),
        "missing": _("The photo must be a JPG or PNG"),
        "empty": _("The photo is empty. Choose another one"),
        "contradiction": _("Choose a photo, or leave it out"),
    }

    def clean(self, data: Any, initial: Any = None) -> Any:
        image = super().clean(data, initial)
        if isinstance(image, UploadedFile):
            try:
                check_image(image)
            except ValidationFailed as error:
                raise forms.ValidationError(error.message) from None
        return image


class DocumentField(forms.FileField):
    """A PDF of at most 10 MB, really a PDF (``core.files.check_document``)."""

    default_error_messages = {
        "required": _("Choose a PDF file"),
        "invalid": _("The file must be a PDF"),
        "missing": _("Choose a PDF file"),
        "empty": _("The file is empty. Choose another one"),
        "contradiction": _("Choose a file, or leave it out"),
        "max_length": _("The file's name is too long. Rename it and try again"),
    }

    def clean(self, data: Any, initial: Any = None) -> Any:
        document = super().clean(data, initial)
        if isinstance(document, UploadedFile):
            try:
                check_document(document)
            except ValidationFailed as error:
                raise forms.ValidationError(error.message) from None
        return document
