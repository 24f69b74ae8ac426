"""Forms for setting up a board, its quorum rule and changing its details. Forms check what
was typed; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.governance.models import Board
from alongside.govuk.forms import Form, IdempotencyKeyField


class _BoardForm(Form):
    """The questions setting a board up and changing its details share."""

    kind = forms.ChoiceField(
        label=_("What kind of board is it?"),
        choices=Board.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what kind of board it is.")},
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the board's name.")},
    )
    purpose = forms.CharField(
        label=_("What is it for?"),
        help_text=_("In plain words a 12-year-old would understand. Members read this first."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what the board is for.")},
    )
    terms_of_reference = forms.CharField(
        label=_("Terms of reference (optional)"),
        help_text=_("What the board decides, how often it meets, who sits on it. Leave a blank "
                    "line between paragraphs."),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip


class BoardCreateForm(_BoardForm):
    field_order = ["idempotency_key"]  # the hidden key first, as before the questions were shared
    idempotency_key = IdempotencyKeyField()


def _small_number(
    label: StrOrPromise, hint: StrOrPromise, low: int, high: int
) -> forms.IntegerField:
    # Built lazily, so a Welsh page gets the Welsh words once they are translated.
    message = format_lazy(_("Enter a whole number from {low} to {high}."), low=low, high=high)
    return forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )


class QuorumForm(Form):
    minimum = _small_number(
        _("How many voting members must be there, at least?"),
        _("Observers do not count."),
        1,
        100,
    )
    residents = _small_number(
        _("Young people and residents in the ratio"),
        _("With 1 here and 1 below, there must be at least as many young people and residents "
          "as professionals."),
        1,
        10,
    )  # fmt: skip
    professionals = _small_number(_("Professionals in the ratio"), "", 1, 10)
    young_people = _small_number(
        _("How many young people must be there, at least?"),
        _("0 if the ratio is enough."),
        0,
        100,
    )
    young_chair = forms.BooleanField(
        label=_("A young person must chair the meeting"), required=False
    )


class BoardChangeForm(_BoardForm):
    support_worker = forms.ChoiceField(
        label=_("Support worker (optional)"),
        help_text=_(
            "A member of staff a young member can ask privately when they do not understand "
            "something."
        ),
        required=False,
        error_messages={"invalid_choice": _("Select a member of staff from the list.")},
    )
    initiative = forms.ChoiceField(
        label=_("Initiative (optional)"),
        help_text=_("The piece of work this board steers, if there is one."),
        required=False,
        error_messages={"invalid_choice": _("Select an initiative from the list.")},
    )

    def __init__(
        self,
        *args: object,
        staff: list[tuple[str, str]],
        initiatives: list[tuple[str, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices, nobody in [
            ("support_worker", staff, _("No support worker")),
            ("initiative", initiatives, _("Not part of an initiative")),
        ]:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", nobody), *choices]


class GlossaryTermForm(Form):
    term = forms.CharField(
        label=_("Word or phrase"),
        max_length=80,
        error_messages={"required": _("Enter the word or phrase.")},
    )
    meaning = forms.CharField(
        label=_("What it means, in plain words"),
        help_text=_("Write it as you would explain it to a 12-year-old."),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter what it means, in plain words.")},
    )
