"""Forms for sessions and attendance. Forms check what a worker typed; services decide."""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.accounts.birth_fields import MonthYearMixin
from alongside.accounts.models import Person
from alongside.core.limits import column_length
from alongside.credits.models import Basis
from alongside.govuk.forms import Form, IdempotencyKeyField
from alongside.initiatives.models import Session

MAX_MINUTES = 24 * 60


def _number(
    label: StrOrPromise, hint: StrOrPromise, required: StrOrPromise, invalid: StrOrPromise
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        error_messages={"required": required, "invalid": invalid},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class KeyedForm(Form):
    """A form a worker may send twice: the key is made when the form is first shown."""

    idempotency_key = IdempotencyKeyField(required=False)

    def clean_idempotency_key(self) -> uuid.UUID:
        # A form without its key (a bookmark, a script) still gets one, used once.
        return self.cleaned_data.get("idempotency_key") or uuid.uuid4()


class SessionForm(KeyedForm):
    held_on_day = _number(
        _("Day"), "", _("Enter the day of the session"), _("Day must be a number, like 14")
    )
    held_on_month = _number(
        _("Month"), "", _("Enter the month of the session"), _("Month must be a number, like 3")
    )
    held_on_year = _number(
        _("Year"), "", _("Enter the year of the session"), _("Year must be a number, like 2026")
    )
    place = forms.ChoiceField(
        label=_("What kind of place was it?"),
        help_text=_("Only the kind of place. Never write an address."),
        choices=Session.Place.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of place it was held")},
    )
    duration_minutes = forms.IntegerField(
        label=_("How long did it run, in minutes?"),
        help_text=_("For example, 90 for an hour and a half"),
        min_value=1,
        max_value=MAX_MINUTES,
        error_messages={
            "required": _("Enter how long the session ran, in minutes"),
            "invalid": _("How long it ran must be a number of minutes, like 90"),
            "min_value": _("How long it ran must be at least 1 minute"),
            "max_value": _("How long it ran must be 1440 minutes (24 hours) or less"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    basis = forms.ChoiceField(
        label=_("Why were people there?"),
        help_text=_(
            "Time people chose to give earns time credits. Time that was ordered as a sanction "
            "or that was required of them earns none."
        ),
        choices=Basis.choices,
        initial=Basis.CHOSEN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why people were there")},
    )
    field_order = [
        "held_on_day",
        "held_on_month",
        "held_on_year",
        "place",
        "duration_minutes",
        "basis",
    ]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        parts = [data.get(f"held_on_{part}") for part in ("year", "month", "day")]
        if all(isinstance(part, int) for part in parts):
            try:
                held_on = dt.date(*parts)  # type: ignore[arg-type]
            except (ValueError, OverflowError):
                self.add_error("held_on_day", _("The date of the session must be a real date"))
            else:
                if held_on > timezone.localdate():
                    self.add_error(
                        "held_on_day", _("The date of the session must be today or in the past")
                    )
                data["held_on"] = held_on
        return data


class MinutesForm(Form):
    minutes = forms.IntegerField(
        label=_("Minutes they took part"),
        min_value=1,
        error_messages={
            "required": _("Enter how many minutes they took part"),
            "invalid": _("Minutes must be a number, like 60"),
            "min_value": _("Minutes must be at least 1"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: object, session: Session, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["minutes"]
        assert isinstance(field, forms.IntegerField)
        field.help_text = _("From 1 to %(most)s, as the session ran for %(most)s minutes") % {
            "most": session.duration_minutes
        }
        field.validators.append(_MaxMinutes(session.duration_minutes))
        field.initial = session.duration_minutes


class _MaxMinutes:
    def __init__(self, most: int) -> None:
        self.most = most

    def __call__(self, value: int) -> None:
        if value > self.most:
            raise forms.ValidationError(
                _("Minutes must be %(most)s or fewer, as the session ran for %(most)s minutes")
                % {"most": self.most}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _MaxMinutes) and other.most == self.most


class AttendanceAddForm(MinutesForm):
    """Put someone found by the search on the session."""

    person = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Select who to add"),
            "invalid": _("Select who to add from the search results"),
        },
    )


class FindForm(Form):
    q = forms.CharField(
        label=_("Name to look for"),
        help_text=_("Type all or part of their display name"),
        max_length=column_length(Person, "display_name"),
        required=False,
    )


class NewPersonForm(KeyedForm, MinutesForm, MonthYearMixin):
    """A young person met at the session who has no sign-in."""

    display_name = forms.CharField(
        label=_("Display name"),
        help_text=_("A first name or nickname is enough. Do not add a surname."),
        max_length=column_length(Person, "display_name"),
        error_messages={"required": _("Enter a display name")},
    )
    field_order = ["display_name", "birth_month", "birth_year", "minutes"]

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not this_year - 30 <= year <= this_year:
            raise forms.ValidationError(
                _("Year of birth must be between %(low)s and %(high)s")
                % {"low": this_year - 30, "high": this_year}
            )
        return year
