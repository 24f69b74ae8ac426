"""Forms for calls for new board members: opening one (staff), applying one question per page
(young people and residents), and deciding (staff). Forms check what was typed; the services
decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.governance.models.boards import Constituency
from alongside.govuk.forms import DateInputField, Form, IdempotencyKeyField


class CallOpenForm(Form):
    idempotency_key = IdempotencyKeyField()
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For example, “Join the youth board”."),
        max_length=120,
        error_messages={
            "required": _("Enter a title for the call."),
            "max_length": _("The title must be 120 characters or fewer."),
        },
    )
    description = forms.CharField(
        label=_("What does joining mean?"),
        help_text=_("In plain words a 12-year-old would understand: what members do, how often "
                    "the board meets, and what help there is to take part."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter what joining the board means."),
            "max_length": _("What joining means must be 3000 characters or fewer."),
        },
    )  # fmt: skip
    constituency = forms.ChoiceField(
        label=_("Who is the call for?"),
        choices=[
            (Constituency.YOUNG_PERSON.value, Constituency.YOUNG_PERSON.label),
            (Constituency.RESIDENT.value, Constituency.RESIDENT.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the call is for.")},
    )
    places = forms.IntegerField(
        label=_("How many places are there?"),
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"),
            _("Enter a whole number from 1 to 50."),
        ),
    )
    closes_on = DateInputField(what=_("the closing date"))


class WhyForm(Form):
    why = forms.CharField(
        label=_("Why do you want to join?"),
        help_text=_("Say it in your own words. There are no wrong answers."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Tell us why you want to join."),
            "max_length": _("This must be 2000 characters or fewer."),
        },
    )


class BringForm(Form):
    bring = forms.CharField(
        label=_("What would you bring to the board? (optional)"),
        help_text=_("For example, something you know about, care about or are good at."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": _("This must be 2000 characters or fewer.")},
    )


class SupportForm(Form):
    support_needed = forms.CharField(
        label=_("Is there any help you need to take part? (optional)"),
        help_text=_("For example, help with travel, someone to come with you, or an "
                    "interpreter."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("This must be 1000 characters or fewer.")},
    )  # fmt: skip


class SendForm(Form):
    idempotency_key = IdempotencyKeyField()


class DeclineForm(Form):
    outcome_message = forms.CharField(
        label=_("Your message to them"),
        help_text=_("In plain words. Say thank you, and what else they could take part in."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter a message to the applicant, in plain words."),
            "max_length": _("The message must be 2000 characters or fewer."),
        },
    )


class SelectForm(DeclineForm):
    seat = forms.TypedChoiceField(
        label=_("Which seat do they get?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a vacant seat."),
            "invalid_choice": _("Select a vacant seat."),
        },
    )
    field_order = ["seat", "outcome_message"]

    def __init__(self, *args: Any, seats: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = seats  # type: ignore[attr-defined]
        self.fields["outcome_message"].help_text = _(
            "In plain words. Say what happens next, such as when the first meeting is."
        )
