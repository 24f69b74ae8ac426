"""Month and year of birth as form fields: joining, a worker adding someone offline, and a worker
adding someone met at a session all ask the same way, with the same words and bounds. Part of
accounts' surface (other domains' forms use it); the age rules themselves are in ``ages``."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import Form


class MonthYearMixin(Form):
    """Month and year of birth as two small numeric boxes, GOV.UK date-input style."""

    birth_month = forms.IntegerField(
        label=_("Month of birth"),
        help_text=_("For example, 3 for March"),
        min_value=1,
        max_value=12,
        error_messages={
            "required": _("Enter the month of birth"),
            "invalid": _("Month of birth must be a number, like 3 for March"),
            "min_value": _("Month of birth must be a number from 1 to 12"),
            "max_value": _("Month of birth must be a number from 1 to 12"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        help_text=_("For example, 2012"),
        error_messages={
            "required": _("Enter the year of birth"),
            "invalid": _("Year of birth must be a number, like 2012"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not this_year - 30 <= year <= this_year:
            raise forms.ValidationError(
                _("Year of birth must be between %(low)s and %(high)s")
                % {"low": this_year - 30, "high": this_year}
            )
        return year
