"""An amount of time typed as hours and minutes (a claim, a gift, an adjustment, a reward's
cost): two boxes, one total in minutes, one set of words for what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


def hours_field(max_hours: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Hours"),
        required=False,
        min_value=0,
        max_value=max_hours,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Hours must be a whole number, like 2"),
            "min_value": _("Hours must be 0 or more"),
            "max_value": _("Hours must be %(limit_value)s or less"),
        },
    )


def minutes_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=0,
        max_value=59,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Minutes must be a whole number, like 30"),
            "min_value": _("Minutes must be 0 or more"),
            "max_value": _("Minutes must be 59 or less"),
        },
    )


def total_minutes(form: forms.Form, data: dict[str, Any], *, empty: StrOrPromise) -> int | None:
    """The hours and minutes as minutes, or ``None`` (with an error on hours) when either box
    was unreadable or both add up to nothing."""
    if "hours" not in data or "minutes" not in data:
        return None
    total = int((data["hours"] or 0) * 60 + (data["minutes"] or 0))
    if total < 1:
        form.add_error("hours", empty)
        return None
    return total
