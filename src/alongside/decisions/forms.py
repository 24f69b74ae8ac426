"""The forms staff use to record a decision, and to add to what it used later, in GOV.UK
words."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.accounts.models import Organisation
from alongside.core.limits import column_length
from alongside.decisions import selectors
from alongside.decisions.models import Decision
from alongside.govuk.forms import Form, IdempotencyKeyField
from alongside.voice.models import Contribution


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
    idempotency_key = IdempotencyKeyField()

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


# A contribution's reference as staff see it (voice.selectors.reference): 8 hex digits.
REFERENCE = re.compile(r"^[0-9A-F]{8}$")

# Why a decision cannot use something, in words a worker can act on.
NOT_USABLE: dict[str, StrOrPromise] = {
    Contribution.Status.HELD: _(
        "You cannot use this yet: it is held for a person to look at, because it may have "
        "contact details in it or say someone is being harmed. Once a moderator publishes it, "
        "you can add it"
    ),
    Contribution.Status.HIDDEN: _(
        "You cannot use this: a moderator hid it, so nobody but staff can read it"
    ),
    Contribution.Status.WITHDRAWN: _(
        "You cannot use this: the young person who said it took it back"
    ),
}


class CiteAddForm(Form):
    """Add one thing said (by its reference, or chosen from the list) or one theme to a
    decision already recorded. ``cleaned_data`` gets ``contributions`` and ``themes``, one
    between them, found in ``organisation``; something held, hidden or withdrawn is refused."""

    reference = forms.CharField(
        label=_("Reference of what was said"),
        help_text=_("The 8 letters and numbers shown with it on the contributions list"),
        max_length=20,
        required=False,
    )
    contribution = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Choose what was said from the list")},
    )
    theme = forms.UUIDField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Choose a theme from the list")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["reference"].widget.attrs.update(
            {"spellcheck": "false", "autocomplete": "off", "class": "govuk-input--width-10"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        data["contributions"], data["themes"] = [], []
        if data.get("theme"):
            themes = selectors.themes_in_organisation(
                organisation=self.organisation, public_ids=[str(data["theme"])]
            )
            if not themes:
                self.add_error(None, _("Choose a theme from this organisation"))
            data["themes"] = themes
            return data
        field, found = self._contribution(data)
        if found is not None:
            refusal = NOT_USABLE.get(found.status)
            if refusal is not None:
                self.add_error(field, refusal)
            else:
                data["contributions"] = [found]
        return data

    def _contribution(self, data: dict[str, Any]) -> tuple[str | None, Contribution | None]:
        """Which field it came from (None: the list), and what it names, if anything."""
        if data.get("contribution"):
            found = selectors.contributions_in_organisation(
                organisation=self.organisation, public_ids=[str(data["contribution"])]
            )
            if not found:
                self.add_error(None, _("Choose something said in this organisation"))
                return None, None
            return None, found[0]
        reference = "".join(data.get("reference", "").split()).replace("-", "").upper()
        if not reference:
            self.add_error(
                "reference",
                _("Enter the reference of what was said, or choose it from the list below"),
            )
            return "reference", None
        if not REFERENCE.match(reference):
            self.add_error(
                "reference", _("Enter the reference as 8 letters and numbers, like 3F2A9C1B")
            )
            return "reference", None
        matches = selectors.contributions_by_reference(
            organisation=self.organisation, reference=reference
        )
        if not matches:
            self.add_error(
                "reference",
                _("Nothing said in this organisation has the reference %(reference)s")
                % {"reference": reference},
            )
            return "reference", None
        if len(matches) > 1:
            self.add_error(
                "reference",
                _("More than one thing said has this reference. Find it in the list below"),
            )
            return "reference", None
        return "reference", matches[0]
