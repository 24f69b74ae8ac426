"""The forms of a round's set-up pages. They check what a worker typed (a real date, a sum of
money in pounds); the services decide whether the settings fit together."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.accounts.models import Organisation
from alongside.budgeting import selectors
from alongside.budgeting.models import Area, Round
from alongside.budgeting.rules_words import time_words
from alongside.budgeting.services import AreaChange, BallotSettings, StageDates
from alongside.budgeting.services.rounds import MAX_AREAS, MAX_CHOICES, MAX_POINTS
from alongside.core.limits import column_length
from alongside.govuk.forms import (
    DateInputField,
    Form,
    IdempotencyKeyField,
    MoneyField,
    plain_text_errors,
)
from alongside.initiatives.models import Initiative

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
EXTRA_AREA_ROWS = 3


def _number(
    label: StrOrPromise, low: int, high: int, message: StrOrPromise, **kwargs: Any
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def _radios(
    label: StrOrPromise, choices: Any, message: StrOrPromise, **kwargs: Any
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **kwargs,
    )


# Starting a round ------------------------------------------------------------------------------


def _title_field() -> forms.CharField:
    return forms.CharField(
        label=_("What is the round called?"),
        help_text=_("Use words young people will understand, like 'Youth budget 2026'."),
        max_length=column_length(Round, "title"),
        error_messages={"required": _("Enter a name for the round")},
    )


def _budget_field() -> MoneyField:
    return MoneyField(
        label=_("How much money does it share out?"),
        help_text=_("In pounds, for example 20,000."),
        error_messages={
            "required": _("Enter the budget"),
            "invalid": _("Enter the budget in pounds, like 20,000 or 20,000.50"),
        },
    )


class RoundCreateForm(Form):
    idempotency_key = IdempotencyKeyField()
    title = _title_field()
    budget = _budget_field()

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"] = InitiativeChoice(
            queryset=selectors.initiatives_for_rounds(organisation=organisation)
        )


class InitiativeChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, *, queryset: QuerySet[Initiative]) -> None:
        super().__init__(
            queryset=queryset,
            to_field_name="public_id",
            widget=forms.RadioSelect,
            empty_label=None,
            label=_("Which initiative is it part of?"),
            help_text=_(
                "Young people's ideas for the round are given to this initiative, and what is "
                "funded is recorded as its decisions."
            ),
            error_messages={
                "required": _("Select the initiative the round is part of"),
                "invalid_choice": _("Select the initiative the round is part of"),
            },
        )

    def label_from_instance(self, obj: Initiative) -> str:
        return obj.title


# The sections of the task list -----------------------------------------------------------------


class AboutForm(Form):
    title = _title_field()
    summary = forms.CharField(
        label=_("What is it for?"),
        help_text=_(
            "A sentence or two for young people, like 'Young people decide how £20,000 is "
            "spent on activities in Riverside.' It is shown on the round's public page."
        ),
        max_length=column_length(Round, "summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what the round is for")},
    )
    budget = _budget_field()

    @staticmethod
    def initial_for(round_: Round) -> dict[str, Any]:
        return {
            "title": round_.title,
            "summary": round_.summary,
            "budget": round_.budget_pence,
        }


class AreasForm(Form):
    """The areas as rows of a name and an optional budget; empty rows are left out. A row
    whose name is cleared takes that area off."""

    area_voting = _radios(
        _("Where do young people vote?"),
        [
            (Round.AreaVoting.OWN, _("In their own area only")),
            (Round.AreaVoting.EVERY, _("In every area")),
        ],
        _("Select where young people vote"),
        help_text=_("Only matters if the round has areas."),
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_AREAS)

    def __init__(self, *args: Any, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row_count = rows
        for n in range(1, rows + 1):
            self.fields[f"area_{n}_pk"] = forms.IntegerField(
                widget=forms.HiddenInput, required=False
            )
            self.fields[f"area_{n}_name"] = forms.CharField(
                label=_("Name"),
                required=False,
                max_length=column_length(Area, "name"),
            )
            self.fields[f"area_{n}_budget"] = MoneyField(
                label=_("Its own budget (optional)"),
                required=False,
                error_messages={"invalid": _("Enter the area's budget in pounds, like 5,000")},
            )
        plain_text_errors(self)

    @staticmethod
    def initial_for(round_: Round, areas: list[Area]) -> dict[str, Any]:
        initial: dict[str, Any] = {"area_voting": round_.area_voting}
        for n, area in enumerate(areas, start=1):
            initial |= {
                f"area_{n}_pk": area.pk,
                f"area_{n}_name": area.name,
                f"area_{n}_budget": area.budget_pence,
            }
        return initial

    def row_fields(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (n, self[f"area_{n}_pk"], self[f"area_{n}_name"], self[f"area_{n}_budget"])
            for n in range(1, self.row_count + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        changes = []
        for n in range(1, self.row_count + 1):
            name = (data.get(f"area_{n}_name") or "").strip()
            budget = data.get(f"area_{n}_budget")
            if not name and budget is None:
                continue
            if not name:
                self.add_error(f"area_{n}_name", _("Enter a name for this area, or clear it"))
                continue
            changes.append(AreaChange(name=name, budget_pence=budget, pk=data.get(f"area_{n}_pk")))
        data["areas"] = changes
        return data


# The stages' dates, in order: (field, what it is in messages, the question). Only voting's
# are needed, and they have a time too.
DATES = [
    (
        "ideas",
        _("the date ideas open"),
        _("When can young people start sending ideas? (optional)"),
    ),
    (
        "feasibility",
        _("the date checking the ideas starts"),
        _("When does checking the ideas start? (optional)"),
    ),
    (
        "proposals",
        _("the date the projects are ready"),
        _("When are the projects ready to read? (optional)"),
    ),
    ("voting_opens", _("the date voting opens"), _("When does voting open?")),
    ("voting_closes", _("the date voting closes"), _("When does voting close?")),
    (
        "results",
        _("the date the results are published"),
        _("When are the results published? (optional)"),
    ),
    ("delivery", _("the date the projects start"), _("When do the projects start? (optional)")),
]
TIMED = {"voting_opens": _("Time voting opens"), "voting_closes": _("Time voting closes")}
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


def parse_time(text: str) -> dt.time | None:
    """'9am', '5:30pm', '17:00', 'midday', 'midnight' -> a time; None if it is not one."""
    cleaned = text.strip().lower().replace(" ", "")
    named = {"midday": dt.time(12), "noon": dt.time(12), "midnight": dt.time(0)}
    if cleaned in named:
        return named[cleaned]
    match = _TIME.match(cleaned)
    if not match:
        return None
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        return None  # "9" alone could be morning or evening
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class DatesForm(Form):
    """A GOV.UK date input per stage; voting's also have a time, typed as people say it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, what, _question in DATES:
            self.fields[name] = DateInputField(what=what, required=name in TIMED)
            if name in TIMED:
                self.fields[f"{name}_time"] = forms.CharField(
                    label=TIMED[name],
                    help_text=_("For example, 9am or 5:30pm"),
                    required=False,
                    max_length=10,
                )
        plain_text_errors(self)

    @staticmethod
    def initial_for(round_: Round) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "ideas": round_.ideas_from,
            "feasibility": round_.feasibility_from,
            "proposals": round_.proposals_from,
            "results": round_.results_on,
            "delivery": round_.delivery_from,
        }
        for name, moment in (
            ("voting_opens", round_.voting_opens_at),
            ("voting_closes", round_.voting_closes_at),
        ):
            if moment is not None:
                local = timezone.localtime(moment)
                initial |= {name: local.date(), f"{name}_time": time_words(local, "en")}
        return initial

    def date_fields(self) -> list[tuple[Any, StrOrPromise, Any]]:
        """(the date, its question, its time or None) in the order of the stages."""
        return [
            (self[name], question, self[f"{name}_time"] if name in TIMED else None)
            for name, _what, question in DATES
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in TIMED:
            day = data.get(name)
            if day is None:
                continue
            moment = parse_time(data.get(f"{name}_time") or "")
            if moment is None:
                self.add_error(f"{name}_time", _("Enter a time, like 9am, 5:30pm or 17:00"))
                continue
            data[name] = timezone.make_aware(dt.datetime.combine(day, moment))
        return data

    def stage_dates(self) -> StageDates:
        data = self.cleaned_data
        return StageDates(
            voting_opens_at=data["voting_opens"],
            voting_closes_at=data["voting_closes"],
            ideas_from=data["ideas"],
            feasibility_from=data["feasibility"],
            proposals_from=data["proposals"],
            results_on=data["results"],
            delivery_from=data["delivery"],
        )


class EligibilityForm(Form):
    min_age = _number(
        _("Youngest age"),
        5,
        25,
        _("Enter the youngest age, from 5 to 25"),
        help_text=_("From 5 to 25."),
    )
    max_age = _number(
        _("Oldest age"),
        5,
        25,
        _("Enter the oldest age, from 5 to 25"),
        help_text=_("From 5 to 25: the youth offer ends at 25."),
    )
    members_only = _radios(
        _("Do young people need to be members of the organisation to vote?"),
        YES_NO,
        _("Select yes if only members can vote"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_age", _("The oldest age must be the same as or more than the youngest")
            )
        return data


class BallotForm(Form):
    ballot_kind = _radios(
        _("How do young people vote?"),
        Round.BallotKind.choices,
        _("Select how young people vote"),
    )
    max_choices = _number(
        _("How many projects can each young person choose, or put in order?"),
        1,
        MAX_CHOICES,
        _("Enter how many projects each young person can choose, from 1 to 100"),
        required=False,
        help_text=_("Needed if they choose up to a number of projects, or put projects in order."),
    )
    points_to_share = _number(
        _("How many points does each young person share out?"),
        1,
        MAX_POINTS,
        _("Enter how many points each young person shares out, from 1 to 1,000"),
        required=False,
        help_text=_("Needed if they share out points."),
    )
    rule = _radios(
        _("How are the votes counted?"),
        Round.Rule.choices,
        _("Select how the votes are counted"),
    )
    completion = _radios(
        _("If Equal Shares leaves money over, what happens to it?"),
        [
            (
                Round.Completion.ADD1_GREEDY,
                _(
                    "Raise everyone's share and count again, then give what is still left to "
                    "the projects with the most votes that fit (recommended)"
                ),
            ),
            (
                Round.Completion.ADD1,
                _("Raise everyone's share and count again, until no more projects fit"),
            ),
            (Round.Completion.NONE, _("Leave it unspent")),
        ],
        _("Select what happens to money left over"),
        required=False,
        help_text=_("Needed for Equal Shares."),
    )
    ballots_can_change = _radios(
        _("Can young people change their vote until voting closes?"),
        YES_NO,
        _("Select yes if young people can change their vote"),
        help_text=_("If they can, only their last vote counts."),
    )

    KIND_HINTS = {
        Round.BallotKind.CHOOSE_UP_TO: _("For example, choose up to 3 of 12 projects."),
        Round.BallotKind.CHOOSE_ONE: _("The simplest, but says least about what people want."),
        Round.BallotKind.APPROVAL_WITHIN_BUDGET: _(
            "Like spending the budget yourself: the projects chosen must fit in it."
        ),
        Round.BallotKind.POINTS: _("For example, 10 points to share between the projects."),
        Round.BallotKind.RANK: _("Best first. Equal Shares counts every project in a list."),
    }
    RULE_HINTS = {
        Round.Rule.EQUAL_SHARES: _(
            "Everyone gets an equal share of the money to spend on what they chose, so smaller "
            "groups get projects too. Recommended."
        ),
        Round.Rule.GREEDY: _(
            "The projects with the most votes get the money first, until it runs out."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ballot_kind"].item_hints = self.KIND_HINTS  # type: ignore[attr-defined]
        self.fields["rule"].item_hints = self.RULE_HINTS  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(round_: Round) -> dict[str, Any]:
        if "ballot" not in round_.setup_saved:
            return {}
        return {
            "ballot_kind": round_.ballot_kind,
            "max_choices": round_.max_choices,
            "points_to_share": round_.points_to_share,
            "rule": round_.rule,
            "completion": round_.completion if round_.rule == Round.Rule.EQUAL_SHARES else None,
            "ballots_can_change": "yes" if round_.ballots_can_change else "no",
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, rule = data.get("ballot_kind"), data.get("rule")
        needed: dict[str, str] = {
            Round.BallotKind.CHOOSE_UP_TO: "max_choices",
            Round.BallotKind.RANK: "max_choices",
            Round.BallotKind.POINTS: "points_to_share",
        }
        name = needed.get(str(kind))
        if name and data.get(name) is None and name not in self.errors:
            self.add_error(name, self.fields[name].error_messages["required"])
        if (
            rule == Round.Rule.EQUAL_SHARES
            and not data.get("completion")
            and "completion" not in self.errors
        ):
            self.add_error("completion", _("Select what happens to money left over"))
        return data

    def settings(self) -> BallotSettings:
        data = self.cleaned_data
        kind = data["ballot_kind"]
        return BallotSettings(
            ballot_kind=kind,
            rule=data["rule"],
            completion=data.get("completion") or Round.Completion.NONE,
            ballots_can_change=data["ballots_can_change"] == "yes",
            max_choices=data.get("max_choices"),
            points_to_share=data.get("points_to_share"),
        )


PROPOSERS = [
    ("young_people", _("Young people")),
    ("groups", _("Groups of young people")),
    ("organisations", _("Organisations, like a youth club or a charity")),
]


class ProposersForm(Form):
    proposers = forms.MultipleChoiceField(
        label=_("Who can put forward ideas for projects?"),
        help_text=_("Select all that apply."),
        choices=PROPOSERS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select who can put forward ideas"),
            "invalid_choice": _("Select who can put forward ideas"),
        },
    )

    @staticmethod
    def initial_for(round_: Round) -> dict[str, Any]:
        chosen = [
            code
            for code, allowed in (
                ("young_people", round_.young_people_may_propose),
                ("groups", round_.groups_may_propose),
                ("organisations", round_.organisations_may_propose),
            )
            if allowed
        ]
        return {"proposers": chosen}


class StageForm(Form):
    """Moving a round on: the stage it moves to, so that a form sent twice moves it once."""

    to = forms.ChoiceField(choices=Round.Stage.choices, widget=forms.HiddenInput)
