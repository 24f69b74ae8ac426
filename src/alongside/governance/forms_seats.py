"""Forms for a board's seats. Forms check what was typed; the services decide (who fits a
seat, one chair, the term in order). Changing the board itself is in ``forms_boards.py``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.governance.models import Seat
from alongside.governance.models.boards import Constituency
from alongside.govuk.forms import DateInputField, Form, IdempotencyKeyField

COUNT_MESSAGE = _("Enter a whole number from 1 to 20.")


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
    idempotency_key = IdempotencyKeyField()
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
