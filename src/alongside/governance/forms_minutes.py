"""Forms for minutes and actions. Forms check what the clerk typed; the services decide
(whether the meeting has finished, who may own an action)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import DateInputField, Form, IdempotencyKeyField


class MinutesForm(Form):
    body = forms.CharField(
        label=_("Minutes"),
        help_text=_("Leave a blank line between paragraphs. Use the names people chose to be "
                    "known by on the board."),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 20}),
        error_messages={
            "required": _("Enter the minutes."),
            "max_length": _("The minutes must be 50000 characters or fewer."),
        },
    )  # fmt: skip


class ActionAddForm(Form):
    idempotency_key = IdempotencyKeyField()
    description = forms.CharField(
        label=_("What needs doing?"),
        help_text=_("For example, “Ask the parks team when the new lights go in.”"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter what needs doing."),
            "max_length": _("What needs doing must be 500 characters or fewer."),
        },
    )
    owner = forms.TypedChoiceField(
        label=_("Who will do it?"),
        coerce=int,
        error_messages={
            "required": _("Select who will do it."),
            "invalid_choice": _(
                "Select someone who sits on the board or works for the organisation."
            ),
        },
    )
    due_on = DateInputField(what=_("the date it is due"))
    agenda_item = forms.TypedChoiceField(
        label=_("Which agenda item is it from?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Select an item on this meeting's agenda.")},
    )

    def __init__(
        self, *args: Any, owners: list[tuple[int, str]], items: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("Select someone")), *owners]  # type: ignore[attr-defined]
        self.fields["agenda_item"].choices = [("", _("Not from an agenda item")), *items]  # type: ignore[attr-defined]


class ActionDoneForm(Form):
    note = forms.CharField(
        label=_("What happened? (optional)"),
        help_text=_("For example, “The lights go in next month.”"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The note must be 500 characters or fewer.")},
    )
