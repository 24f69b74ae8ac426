"""The forms staff use to record a decision, in GOV.UK words."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.core.limits import column_length
from alongside.decisions.models import Decision
from alongside.govuk.forms import Form


def _number(
    label: StrOrPromise, required: StrOrPromise, invalid: StrOrPromise
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        error_messages={"required": required, "invalid": invalid},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class DecisionForm(Form):
    """What was decided: the first page of "Record a decision"."""

    title = forms.CharField(
        label=_("What was decided"),
        help_text=_("In words a 12-year-old knows, for example: The youth club opens on Saturdays"),
        max_length=column_length(Decision, "title"),
        error_messages={"required": _("Enter what was decided")},
    )
    what_changed = forms.CharField(
        label=_("What changed because of it"),
        help_text=_("Say what is different now, or what will be, and when"),
        max_length=column_length(Decision, "what_changed"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter what changed because of it")},
    )
    decided_by = forms.CharField(
        label=_("Who decided"),
        help_text=_(
            "A group or a role, for example: The youth board, or The head of youth services"
        ),
        max_length=column_length(Decision, "decided_by"),
        error_messages={"required": _("Enter who decided")},
    )
    forum = forms.CharField(
        label=_("Where it was decided (optional)"),
        help_text=_("For example: The youth board meeting in June"),
        max_length=column_length(Decision, "forum"),
        required=False,
    )
    decided_day = _number(_("Day"), _("Enter the day it was decided"), _("Day must be a number"))
    decided_month = _number(
        _("Month"), _("Enter the month it was decided"), _("Month must be a number")
    )
    decided_year = _number(
        _("Year"), _("Enter the year it was decided"), _("Year must be a number")
    )
    initiative = forms.ChoiceField(
        label=_("Which initiative it came from (optional)"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("Choose an initiative from the list")},
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, initiatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("None")), *initiatives]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = [data.get(name) for name in ("decided_day", "decided_month", "decided_year")]
        if all(part is not None for part in parts):
            day, month, year = (int(p) for p in parts)  # type: ignore[arg-type]
            try:
                decided_on = dt.date(year, month, day)
            except ValueError:
                self.add_error("decided_day", _("The date it was decided must be a real date"))
                return data
            if decided_on > timezone.localdate():
                self.add_error(
                    "decided_day", _("The date it was decided must be today or in the past")
                )
            elif decided_on.year < 2000:
                self.add_error("decided_year", _("The year must be 2000 or later"))
            else:
                data["decided_on"] = decided_on
        return data


class SearchForm(Form):
    q = forms.CharField(
        label=_("Search by words in what was said"),
        required=False,
        max_length=100,
    )
