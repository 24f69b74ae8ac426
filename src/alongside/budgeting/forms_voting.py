"""The voter's forms: their area, their choices on the ballot paper (one form per kind of
ballot), the button that sends the vote, and a receipt code to check.

The forms read what was typed; whether the choices make an allowed vote is
``ballot_paper.ballot_problem``, the rule the service applies too."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.budgeting.ballot_paper import BallotRules, Kind
from alongside.budgeting.models import Ballot, Proposal
from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField

RECEIPT_LENGTH = column_length(Ballot, "receipt_code")
# What a voter may type between the groups of their code: spaces, dashes, dots.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.]+")


NOT_ON_THE_PAPER = _("One of the projects you chose is not on this ballot. Choose again.")


def _required(message: Any) -> dict[str, Any]:
    return {"required": message, "invalid_choice": message}


def _on_the_paper(message: Any) -> dict[str, Any]:
    return {"required": message, "invalid_choice": NOT_ON_THE_PAPER, "invalid_list": message}


class AreaForm(Form):
    area = forms.ChoiceField(
        widget=forms.RadioSelect,
        label=_("Which area do you live, go to school or go to a youth club in?"),
        help_text=_("You vote for projects in your own area."),
        error_messages=_required(_("Select your area")),
    )

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = areas  # type: ignore[attr-defined]


class ChooseForm(Form):
    """The ballot paper. Its fields depend on the round's kind of ballot:

    - choose up to, and choose within the budget: a checkbox per project (``projects``);
    - choose one: a radio per project (``project``);
    - share out points: a box per project for its points (``points_<number>``);
    - rank: a list of projects per place, best first (``rank_1``, ``rank_2``...).
    """

    def __init__(
        self, *args: Any, rules: BallotRules, projects: list[Proposal], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.on_paper = projects
        choices = [(str(p.number), p.title) for p in projects]
        kind = rules.kind
        if kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
            self.fields["projects"] = forms.MultipleChoiceField(
                label=_("Projects"),
                choices=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages=_on_the_paper(_("Choose at least one project.")),
            )
        elif kind is Kind.CHOOSE_ONE:
            self.fields["project"] = forms.ChoiceField(
                label=_("Projects"),
                widget=forms.RadioSelect,
                choices=choices,
                required=False,
                error_messages=_on_the_paper(_("Choose one project.")),
            )
        elif kind is Kind.POINTS:
            most = rules.points_to_share or 0
            for project in projects:
                self.fields[f"points_{project.number}"] = forms.IntegerField(
                    label=project.title,
                    required=False,
                    min_value=0,
                    max_value=most,
                    widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                    error_messages={
                        "invalid": _("Enter the points as a whole number, like 3."),
                        "min_value": _("Enter 0 or more points."),
                        "max_value": _("You have %(limit_value)s points to share out in all."),
                    },
                )
        else:
            for place in range(1, rules.limit + 1):
                self.fields[f"rank_{place}"] = forms.ChoiceField(
                    label=_("Choice 1 (your favourite)")
                    if place == 1
                    else _("Choice %(n)s") % {"n": place},
                    choices=[("", _("No project")), *choices],
                    required=False,
                    error_messages=_on_the_paper(_("Choose a project from the list.")),
                )

    @property
    def first_field(self) -> str:
        return next(iter(self.fields))

    def ballot(self) -> tuple[list[int], list[int] | None]:
        """The choices (and points) as the ballot paper's rules read them."""
        data = self.cleaned_data
        kind = self.rules.kind
        if kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
            return [int(n) for n in data.get("projects") or []], None
        if kind is Kind.CHOOSE_ONE:
            return ([int(data["project"])] if data.get("project") else []), None
        if kind is Kind.POINTS:
            given = [(p.number, data.get(f"points_{p.number}") or 0) for p in self.on_paper]
            chosen = [(n, points) for n, points in given if points]
            return [n for n, _ in chosen], [points for _, points in chosen]
        ranked = [data.get(f"rank_{place}") for place in range(1, self.rules.limit + 1)]
        return [int(n) for n in ranked if n], None

    @staticmethod
    def initial_for(
        rules: BallotRules, choices: list[int], points: list[int] | None
    ) -> dict[str, Any]:
        """The fields' values for choices kept in the session."""
        kind = rules.kind
        if kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
            return {"projects": [str(n) for n in choices]}
        if kind is Kind.CHOOSE_ONE:
            return {"project": str(choices[0])} if choices else {}
        if kind is Kind.POINTS:
            return {f"points_{n}": p for n, p in zip(choices, points or [], strict=False)}
        return {f"rank_{place}": str(n) for place, n in enumerate(choices, start=1)}


class SendForm(Form):
    """Check your answers: the key was made when the ballot paper was first shown, so sending
    twice (or going back and sending again) casts one vote."""

    idempotency_key = IdempotencyKeyField()


def normalise_receipt(value: str) -> str:
    """A receipt code as it is stored (``ABCD-EFGH-JKLM``), however it was typed: any case,
    with or without spaces or dashes. Anything else comes back as typed, to be not found."""
    letters = _SEPARATORS.sub("", value).upper()
    if len(letters) == 12 and letters.isalnum():
        return "-".join(letters[i : i + 4] for i in range(0, 12, 4))
    return letters


class ReceiptForm(Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("It is 12 letters and numbers, like ABCD-EFGH-JK23."),
        # Room for the spaces and dashes people type between the groups.
        max_length=RECEIPT_LENGTH * 2,
        error_messages={"required": _("Enter the receipt code you were given when you voted")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return normalise_receipt(self.cleaned_data["code"])
