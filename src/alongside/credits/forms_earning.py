"""Forms of the approve pages and the rules page. Forms check what was typed; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.credits.models import Rounding
from alongside.govuk.forms import Form

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
