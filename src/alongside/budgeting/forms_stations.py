"""Forms for polling stations: opening one, finding and checking in a voter, the ballot paper
(on the tablet, and typed from paper), and deciding what a held paper says. Forms check what
was typed; the services decide."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from alongside.accounts.models import Person
from alongside.budgeting.ballot_paper import BallotRules, Kind
from alongside.budgeting.models import Area, PaperEntry, PollingStation, Proposal
from alongside.budgeting.services import Outcome
from alongside.core.limits import column_length
from alongside.core.money import format_pence as pounds
from alongside.govuk.forms import Form, IdempotencyKeyField

HOW_TABLET = "tablet"
HOW_PAPER = "paper"


class KeyedForm(Form):
    """A form someone may send twice: the key is made when the form is first shown."""

    idempotency_key = IdempotencyKeyField(required=False)

    def clean_idempotency_key(self) -> uuid.UUID:
        # A form sent without its key (a bookmark, a script) still gets one, used once.
        return self.cleaned_data.get("idempotency_key") or uuid.uuid4()


# Opening a polling station ----------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$")


def parse_time(text: str) -> dt.time | None:
    """'4pm', '4:30pm', '16:30', '9.15 am' as a time of day; None if it is not one."""
    found = _TIME.match(text.strip().lower())
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    half = found.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def _date_part(label: Any, required: Any, invalid: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        error_messages={"required": required, "invalid": invalid},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _time_field(label: Any, required: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=_("For example, 4pm or 16:30"),
        max_length=10,
        error_messages={"required": required},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )


class StationOpenForm(KeyedForm):
    name = forms.CharField(
        label=_("Name of the place"),
        help_text=_("The youth club or school, as young people know it. Not an address."),
        max_length=column_length(PollingStation, "name"),
        error_messages={"required": _("Enter the name of the place")},
    )
    area = forms.ChoiceField(
        label=_("Which area is it for?"),
        help_text=_("Young people who vote here vote in this area."),
        required=False,
        widget=forms.RadioSelect,
    )
    day = _date_part(_("Day"), _("Enter the day it opens"), _("Day must be a number, like 14"))
    month = _date_part(
        _("Month"), _("Enter the month it opens"), _("Month must be a number, like 3")
    )
    year = _date_part(
        _("Year"), _("Enter the year it opens"), _("Year must be a number, like 2026")
    )
    opens = _time_field(_("Opens at"), _("Enter the time it opens"))
    closes = _time_field(_("Closes at"), _("Enter the time it closes"))

    def __init__(self, *args: Any, areas: list[Area], area_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = {str(area.pk): area for area in areas}
        if areas:
            self.fields["area"].choices = [(str(a.pk), a.name) for a in areas]  # type: ignore[attr-defined]
            self.fields["area"].required = area_required
            self.fields["area"].error_messages["required"] = _("Select the area it is for")
            if not area_required:
                self.fields["area"].label = _("Which area is it for? (optional)")
        else:
            del self.fields["area"]
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.update({"day": today.day, "month": today.month, "year": today.year})

    def clean_area(self) -> Area | None:
        value = self.cleaned_data.get("area")
        return self.areas.get(value) if value else None

    def _time(self, name: str, message: Any) -> dt.time | None:
        text = self.cleaned_data.get(name)
        if not text:
            return None
        found = parse_time(text)
        if found is None:
            self.add_error(name, message)
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens = self._time("opens", _("Enter the time it opens, like 4pm or 16:30"))
        closes = self._time("closes", _("Enter the time it closes, like 7pm or 19:00"))
        parts = [data.get(name) for name in ("year", "month", "day")]
        if not all(isinstance(part, int) for part in parts):
            return data
        try:
            day = dt.date(*parts)  # type: ignore[arg-type]
        except (ValueError, OverflowError):
            self.add_error("day", _("The day it opens must be a real date"))
            return data
        if opens is not None and closes is not None:
            zone = timezone.get_current_timezone()
            data["opens_at"] = dt.datetime.combine(day, opens, tzinfo=zone)
            data["closes_at"] = dt.datetime.combine(day, closes, tzinfo=zone)
        return data


# Checking in --------------------------------------------------------------------------------


class FindForm(Form):
    q = forms.CharField(
        label=_("Their display name"),
        help_text=_("Type all or part of it"),
        max_length=column_length(Person, "display_name"),
        required=False,
    )


class CheckInForm(Form):
    person = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose who to check in"),
            "invalid": _("Choose who to check in from the search results"),
        },
    )
    how = forms.ChoiceField(
        choices=[(HOW_TABLET, _("On the tablet")), (HOW_PAPER, _("On paper"))],
        error_messages={
            "required": _("Choose the tablet or paper"),
            "invalid_choice": _("Choose the tablet or paper"),
        },
    )


# The ballot paper ---------------------------------------------------------------------------


def ballot_question(rules: BallotRules, *, points_to_share: int | None) -> str:
    """What the ballot paper asks, in words a 12-year-old knows."""
    if rules.kind is Kind.CHOOSE_ONE:
        return str(_("Choose 1 project"))
    if rules.kind is Kind.CHOOSE_UP_TO:
        return ngettext("Choose 1 project", "Choose up to %(n)s projects", rules.limit) % {
            "n": rules.limit
        }
    if rules.kind is Kind.APPROVAL_WITHIN_BUDGET:
        return str(_("Choose the projects you want, costing %(budget)s or less together")) % {
            "budget": pounds(rules.budget_pence)
        }
    if rules.kind is Kind.POINTS:
        return ngettext(
            "Give your 1 point to a project",
            "Share out %(n)s points between the projects you want",
            points_to_share or 0,
        ) % {"n": points_to_share or 0}
    return ngettext(
        "Put a number by the project you want most",
        "Put up to %(n)s projects in order: 1 for the one you want most",
        rules.limit,
    ) % {"n": rules.limit}


class BallotForm(KeyedForm):
    """A round's ballot paper as a form: boxes to tick, a project to choose, points to give or
    places to number, as the round's ballot kind says. ``ballot()`` gives the choices and
    points the ballot services take; the services check them against the rules."""

    def __init__(
        self,
        *args: Any,
        rules: BallotRules,
        proposals: list[Proposal],
        question: str,
        numbered: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rules = rules
        self.kind = rules.kind
        self.question = question
        self.proposals = proposals

        def label(proposal: Proposal) -> str:
            # Typing from paper, the worker finds each project by its number on the paper.
            if not numbered:
                return proposal.title
            return _("%(number)s. %(title)s") % {"number": proposal.number, "title": proposal.title}

        def hint(proposal: Proposal) -> str:
            if numbered:
                return pounds(proposal.cost_pence)
            # The voter reads what each project is; a worker typing a paper needs only its cost.
            return _("%(cost)s. %(summary)s") % {
                "cost": pounds(proposal.cost_pence),
                "summary": proposal.summary,
            }

        hints = {str(p.number): hint(p) for p in proposals}
        items = [(str(p.number), label(p)) for p in proposals]
        if self.kind in (Kind.POINTS, Kind.RANK):
            most = rules.points_to_share if self.kind is Kind.POINTS else rules.limit
            for proposal in proposals:
                self.fields[self.box(proposal)] = forms.IntegerField(
                    label=label(proposal),
                    help_text=hint(proposal),
                    required=False,
                    min_value=0 if self.kind is Kind.POINTS else 1,
                    max_value=most,
                    error_messages=self._number_errors(proposal, most or 0),
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                )
        elif self.kind is Kind.CHOOSE_ONE:
            field = forms.ChoiceField(
                label=question,
                choices=items,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a project"),
                    "invalid_choice": _("Choose one of the projects on this ballot"),
                },
            )
            field.item_hints = hints  # type: ignore[attr-defined]
            self.fields["choices"] = field
        else:
            field = forms.MultipleChoiceField(
                label=question,
                choices=items,
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "required": _("Choose at least one project"),
                    "invalid_choice": _("Choose projects that are on this ballot"),
                },
            )
            field.item_hints = hints  # type: ignore[attr-defined]
            self.fields["choices"] = field

    @staticmethod
    def box(proposal: Proposal) -> str:
        return f"project_{proposal.number}"

    def _number_errors(self, proposal: Proposal, most: int) -> dict[str, Any]:
        if self.kind is Kind.POINTS:
            wrong = _("Points for %(title)s must be a number from 0 to %(most)s") % {
                "title": proposal.title,
                "most": most,
            }
        else:
            wrong = _("The place for %(title)s must be a number from 1 to %(most)s") % {
                "title": proposal.title,
                "most": most,
            }
        return {"invalid": wrong, "min_value": wrong, "max_value": wrong}

    def number_fields(self) -> list[forms.BoundField]:
        return [self[self.box(p)] for p in self.proposals]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.kind not in (Kind.POINTS, Kind.RANK):
            return data
        given = {p.number: data.get(self.box(p)) for p in self.proposals}
        given = {number: value for number, value in given.items() if value}
        if not given and not self.errors:
            raise forms.ValidationError(
                _("Give points to at least one project")
                if self.kind is Kind.POINTS
                else _("Put a number by at least one project")
            )
        if self.kind is Kind.RANK and len(set(given.values())) != len(given):
            raise forms.ValidationError(_("Give each project a different number"))
        return data

    def ballot(self) -> tuple[list[int], list[int] | None]:
        data = self.cleaned_data
        if self.kind is Kind.CHOOSE_ONE:
            return [int(data["choices"])], None
        if self.kind in (Kind.CHOOSE_UP_TO, Kind.APPROVAL_WITHIN_BUDGET):
            return [int(n) for n in data["choices"]], None
        given = [(p.number, data.get(self.box(p))) for p in self.proposals]
        chosen = [(number, value) for number, value in given if value]
        if self.kind is Kind.POINTS:
            return [n for n, _v in chosen], [int(v) for _n, v in chosen]
        return [n for n, _v in sorted(chosen, key=lambda pair: pair[1])], None


class PaperEnterForm(BallotForm):
    paper_number = forms.CharField(
        label=_("Number printed on the paper"),
        help_text=_("For example, A-0172"),
        max_length=column_length(PaperEntry, "paper_number"),
        error_messages={"required": _("Enter the number printed on the paper ballot")},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    field_order = ["paper_number"]


class ResolveForm(KeyedForm):
    outcome = forms.ChoiceField(
        label=_("What does the paper say?"),
        choices=[
            (Outcome.FIRST.value, _("What the first worker typed: count it")),
            (Outcome.SECOND.value, _("What the second worker typed: count it")),
            (Outcome.SPOIL.value, _("It cannot be counted: spoil it")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the paper says")},
    )
    reason = forms.CharField(
        label=_("If it cannot be counted, why not?"),
        help_text=_("For example, two projects are ticked where only one may be"),
        max_length=column_length(PaperEntry, "spoilt_reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.SPOIL and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the paper cannot be counted"))
        return data
