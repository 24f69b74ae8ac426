"""Forms of the approve pages and the rules page. Forms check what was typed; services decide."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.credits.forms_time import hours_field, minutes_field, total_minutes
from alongside.credits.models import Rounding
from alongside.govuk.forms import DateInputField, Form, IdempotencyKeyField

MAX_REASON = 300


class ApproveForm(Form):
    people = forms.MultipleChoiceField(
        label=_("Whose credits to approve"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one person to approve credits for")},
    )

    def __init__(
        self, *args: object, choices: list[tuple[str, str]], hints: dict[str, str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.item_hints = hints  # type: ignore[attr-defined]
        # Everyone is ticked at first: the worker unticks whoever should not be credited.
        field.initial = [value for value, _label in choices]


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Why is this time not being credited?"),
        help_text=_("The young person reads this, so write it kindly and plainly."),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why this time is not being credited"),
            "max_length": _("The reason must be 300 characters or fewer"),
        },
    )


class RulesForm(Form):
    rounding = forms.ChoiceField(
        label=_("How are credits rounded?"),
        choices=Rounding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how credits are rounded")},
    )
    weekly_cap_hours = forms.IntegerField(
        label=_("Most credits a person can earn in a week, in hours"),
        help_text=_("Leave this empty for no limit. A week is Monday to Sunday."),
        required=False,
        min_value=1,
        max_value=168,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("The weekly limit must be a whole number of hours, like 10"),
            "min_value": _("The weekly limit must be at least 1 hour"),
            "max_value": _("The weekly limit must be 168 hours or less"),
        },
    )

    def __init__(self, *args: object, kinds: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind, words in kinds.items():
            self.fields[f"earns_{kind}"] = forms.TypedChoiceField(
                label=_("Does %(kind)s earn credits?") % {"kind": words.lower()},
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
                error_messages={"required": _("Select yes if this kind of activity earns")},
            )
            self.fields[f"rate_{kind}"] = forms.IntegerField(
                label=_("Credit minutes for each hour of %(kind)s") % {"kind": words.lower()},
                help_text=_("60 means one credit an hour"),
                min_value=0,
                max_value=600,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                error_messages={
                    "required": _("Enter the credit minutes for each hour"),
                    "invalid": _("The rate must be a whole number, like 60"),
                    "min_value": _("The rate must be 0 or more"),
                    "max_value": _("The rate must be 600 or less"),
                },
            )


class ClaimForm(Form):
    """A claim for time given. The key is made when the form is first shown, so a claim sent
    twice (a double tap, the back button) is one claim."""

    idempotency_key = IdempotencyKeyField()
    description = forms.CharField(
        label=_("What did you do?"),
        help_text=_("For example, I helped run the youth club's stall at the summer fair."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter what you did"),
            "max_length": _("What you did must be 500 characters or fewer"),
        },
    )
    done_on = DateInputField(what=_("the date you did it"))
    hours = hours_field(24)
    minutes = minutes_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = total_minutes(self, data, empty=_("Enter how long you spent"))
        if total is not None and total > 24 * 60:
            self.add_error("hours", _("How long you spent must be 24 hours or less"))
        data["total_minutes"] = total
        day = data.get("done_on")
        if isinstance(day, dt.date):
            today = timezone.localdate()
            if day > today:
                self.add_error("done_on", _("The date you did it must be today or in the past"))
            elif day < today - dt.timedelta(days=365):
                self.add_error("done_on", _("The date you did it must be within the last year"))
        return data


class DecideClaimForm(Form):
    decision = forms.ChoiceField(
        label=_("Approve this claim?"),
        choices=[("approve", _("Yes, credit the time")), ("decline", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes to approve the claim, or no")},
    )
    note = forms.CharField(
        label=_("If not, why not?"),
        help_text=_("The young person reads this, so write it kindly and plainly."),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The note must be 300 characters or fewer")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "decline" and not (data.get("note") or "").strip():
            self.add_error("note", _("Enter why the claim is not approved"))
        return data


class AdjustForm(Form):
    idempotency_key = IdempotencyKeyField()
    direction = forms.ChoiceField(
        label=_("Give or take away credits?"),
        choices=[("give", _("Give credits")), ("take", _("Take credits away"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select give or take away")},
    )
    hours = hours_field(100)
    minutes = minutes_field()
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("The young person reads this beside the credits."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter the reason"),
            "max_length": _("The reason must be 300 characters or fewer"),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total = total_minutes(self, data, empty=_("Enter how many credits, in hours and minutes"))
        if total is not None and data.get("direction") == "take":
            total = -total
        data["total_minutes"] = total
        return data


class GiftForm(Form):
    idempotency_key = IdempotencyKeyField()
    to = forms.ChoiceField(
        label=_("Who are you giving credits to?"),
        choices=[("someone", _("Someone I know here")), ("pot", _("A group's pot"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who you are giving credits to")},
    )
    code = forms.CharField(
        label=_("Their gift code"),
        help_text=_("Ask them for it. It is 8 letters, like ABCD-EFGH. Only if giving to someone."),
        required=False,
        max_length=20,
    )
    pot = forms.TypedChoiceField(
        label=_("Which pot?"),
        help_text=_("Only if giving to a group's pot."),
        required=False,
        coerce=int,
        empty_value=None,
    )
    hours = hours_field(100)
    minutes = minutes_field()

    def __init__(self, *args: object, pots: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pot"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Choose a pot")), *pots]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") == "someone" and not (data.get("code") or "").strip():
            self.add_error("code", _("Enter their gift code"))
        if data.get("to") == "pot" and not data.get("pot"):
            self.add_error("pot", _("Select a pot"))
        data["total_minutes"] = total_minutes(self, data, empty=_("Enter how many credits to give"))
        return data


class PotForm(Form):
    name = forms.CharField(
        label=_("Name of the pot"),
        help_text=_("For example, Youth council trip"),
        max_length=80,
        error_messages={
            "required": _("Enter the pot's name"),
            "max_length": _("The name must be 80 characters or fewer"),
        },
    )


class PotChangeForm(PotForm):
    close = forms.BooleanField(
        label=_("Close this pot: no more gifts can be made to it"), required=False
    )


class TakeBackForm(Form):
    reason = forms.CharField(
        label=_("Why are you taking these credits back?"),
        help_text=_("The young person reads this, so write it kindly and plainly."),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter why you are taking these credits back"),
            "max_length": _("The reason must be 300 characters or fewer"),
        },
    )
