"""Forms for the meeting on the night: motions and their votes. Forms check what the clerk
typed; the services decide (who is in the room, whether the meeting is quorate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import Form, IdempotencyKeyField, plain_text_errors


class MotionProposeForm(Form):
    idempotency_key = IdempotencyKeyField()
    agenda_item = forms.TypedChoiceField(
        label=_("Which agenda item is it on?"), coerce=int, required=False, empty_value=None
    )
    text = forms.CharField(
        label=_("What does the motion say?"),
        help_text=_("Write it as the board will decide it, for example “That the youth club "
                    "opens on Saturdays from next month.”"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter what the motion says."),
            "max_length": _("The motion must be 2000 characters or fewer."),
        },
    )  # fmt: skip
    proposer = forms.TypedChoiceField(
        label=_("Who proposed it?"),
        coerce=int,
        error_messages={"required": _("Select who proposed it.")},
    )
    seconder = forms.TypedChoiceField(
        label=_("Who seconded it?"),
        coerce=int,
        error_messages={"required": _("Select who seconded it.")},
    )

    approves_minutes = forms.TypedChoiceField(
        label=_("Does it approve the minutes of an earlier meeting?"),
        help_text=_("If it is carried, those minutes are approved and can then be published."),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(
        self,
        *args: Any,
        voters: list[tuple[int, str]],
        items: list[tuple[int, str]],
        minutes: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        people = [("", _("Select someone")), *voters]
        self.fields["proposer"].choices = people  # type: ignore[attr-defined]
        self.fields["seconder"].choices = people  # type: ignore[attr-defined]
        self.fields["agenda_item"].choices = [("", _("Not on an agenda item")), *items]  # type: ignore[attr-defined]
        if minutes:
            self.fields["approves_minutes"].choices = [("", _("No")), *minutes]  # type: ignore[attr-defined]
        else:
            del self.fields["approves_minutes"]


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=1000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter how many, or 0."),
            "invalid": _("Enter a whole number, like 3."),
            "min_value": _("Enter 0 or more."),
            "max_value": _("Enter 1000 or fewer."),
        },
    )


VOTE_CHOICES = [("for", _("For")), ("against", _("Against")), ("abstain", _("Abstain"))]


def _what_changes() -> forms.CharField:
    return forms.CharField(
        label=_("If it is carried, what changes because of it?"),
        help_text=_("In plain words young people will read on “You said, we did”."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("This must be 4000 characters or fewer.")},
    )


class MotionDecideForm(Form):
    """The result of a vote by show of hands."""

    votes_for = _count(_("How many voted for it?"))
    votes_against = _count(_("How many voted against it?"))
    abstentions = _count(_("How many abstained?"))
    what_changes = _what_changes()


class MotionVoteByNameForm(Form):
    """A vote taken by name: For, Against or Abstain for each voting member here now. The
    service checks the list is exactly who is in the room when it is recorded."""

    def __init__(self, *args: Any, voters: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for person_id, name in voters:
            self.fields[f"vote_{person_id}"] = forms.ChoiceField(
                label=name,
                choices=VOTE_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select For, Against or Abstain for %(name)s.")
                                % {"name": name}},
            )  # fmt: skip
        self.fields["what_changes"] = _what_changes()
        plain_text_errors(self)

    def votes(self) -> dict[int, str]:
        return {
            int(name.removeprefix("vote_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("vote_")
        }
