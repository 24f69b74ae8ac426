"""Forms of the admin's catalogue: a reward, a partner, a milestone. Each add form carries the
key made when its page was shown, so a page sent twice adds one. Forms check what was typed;
the catalogue service decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.credits.forms_time import hours_field, minutes_field, total_minutes
from alongside.govuk.forms import Form, IdempotencyKeyField


def _name(what: StrOrPromise, example: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=_("Name"),
        help_text=example,
        max_length=120,
        error_messages={
            "required": what,
            "max_length": _("The name must be 120 characters or fewer"),
        },
    )


def _description(hint: StrOrPromise, max_length: int) -> forms.CharField:
    return forms.CharField(
        label=_("Description (optional)"),
        help_text=hint,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("The description must be %(limit_value)s characters or fewer")
        },
    )


def _age(label: StrOrPromise) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=25,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("An age must be a whole number, like 14"),
            "min_value": _("An age must be 0 or more"),
            "max_value": _("An age must be 25 or less"),
        },
    )


class RewardForm(Form):
    name = _name(_("Enter the reward's name"), _("For example, Cinema ticket"))
    description = _description(_("What the young person gets, and how to use it."), 500)
    hours = hours_field(1000)
    minutes = minutes_field()
    partner = forms.TypedChoiceField(
        label=_("Partner"),
        help_text=_("Who gives it. Their vouchers are checked by the partner's people."),
        required=False,
        coerce=int,
        empty_value=None,
    )
    min_age = _age(_("Youngest age (optional)"))
    max_age = _age(_("Oldest age (optional)"))
    stock = forms.IntegerField(
        label=_("How many there are (optional)"),
        help_text=_("Leave this empty if there is no limit."),
        required=False,
        min_value=0,
        max_value=100_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "invalid": _("How many there are must be a whole number, like 10"),
            "min_value": _("How many there are must be 0 or more"),
            "max_value": _("How many there are must be 100000 or less"),
        },
    )
    is_goal = forms.BooleanField(
        label=_("Show it to young people as a goal, with a bar of how close they are"),
        required=False,
    )

    def __init__(self, *args: object, partners: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["partner"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("The organisation gives it itself")), *partners]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["cost_minutes"] = total_minutes(self, data, empty=_("Enter what it costs in hours"))
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_age", _("The oldest age must be the same as or more than the youngest")
            )
        return data


class RewardAddForm(RewardForm):
    idempotency_key = IdempotencyKeyField()


class RewardChangeForm(RewardForm):
    withdrawn = forms.BooleanField(
        label=_(
            "Withdrawn: young people cannot take it. Vouchers already given can still be used."
        ),
        required=False,
    )


class PartnerForm(Form):
    name = _name(_("Enter the partner's name"), _("For example, Riverside Odeon"))
    description = _description(_("Where they are and what they do."), 300)
    members = forms.TypedMultipleChoiceField(
        label=_("Who checks their vouchers"),
        help_text=_(
            "People with the reward partner role here. Invite someone from People to add them."
        ),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: object, checkers: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = checkers


class PartnerAddForm(PartnerForm):
    idempotency_key = IdempotencyKeyField()


class MilestoneForm(Form):
    name = _name(_("Enter what the milestone is"), _("For example, A certificate of thanks"))
    hours = hours_field(1000)
    minutes = minutes_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["total_minutes"] = total_minutes(self, data, empty=_("Enter the hours given"))
        return data


class MilestoneAddForm(MilestoneForm):
    idempotency_key = IdempotencyKeyField()


class MilestoneChangeForm(MilestoneForm):
    remove = forms.BooleanField(label=_("Remove this milestone"), required=False)
