"""Forms for a board's seats and for changing a board. Forms check what was typed; the
services decide (who fits a seat, one chair, the term in order)."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.governance.models import Board, Seat
from alongside.governance.models.boards import Constituency
from alongside.govuk.forms import DateInputField, Form

COUNT_MESSAGE = _("Enter a whole number from 1 to 20.")


def _key() -> forms.UUIDField:
    return forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={"invalid": _("This form could not be read. Go back and start again.")},
    )


def _role() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("What is the seat's role?"),
        help_text=_("A board has one chair and one vice-chair. Observers do not vote."),
        choices=Seat.Role.choices,
        initial=Seat.Role.MEMBER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the seat's role.")},
    )


class _TermForm(Form):
    term_starts = DateInputField(what=_("the date the term starts"), required=False)
    term_ends = DateInputField(what=_("the date the term ends"), required=False)


class SeatAddForm(_TermForm):
    idempotency_key = _key()
    constituency = forms.ChoiceField(
        label=_("Who are the seats for?"),
        choices=Constituency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who the seats are for.")},
    )
    role = _role()
    count = forms.IntegerField(
        label=_("How many seats?"),
        help_text=_("From 1 to 20. They start vacant: give each one to someone afterwards."),
        min_value=1,
        max_value=20,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), COUNT_MESSAGE
        ),
    )

    field_order = ["idempotency_key", "constituency", "role", "count"]


class SeatChangeForm(_TermForm):
    holder = forms.ChoiceField(
        label=_("Who holds the seat?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who holds the seat."),
            "invalid_choice": _("Select someone from the list."),
        },
    )
    role = _role()

    field_order = ["holder", "role"]

    def __init__(self, *args: object, people: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["holder"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = people


class BoardChangeForm(Form):
    # The same questions as setting a board up (forms_boards.BoardCreateForm), kept here so
    # the two forms modules stay independent of each other.
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
