"""The one form on the notices page: "Mark all as read"."""

from __future__ import annotations

from django import forms

from alongside.govuk.forms import Form


class MarkReadForm(Form):
    # The newest notice the page showed: one that arrives after the page was opened stays new.
    up_to = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
