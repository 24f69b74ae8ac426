"""Forms for planning a meeting: when and where it is, its agenda items and its papers. Forms
check what the clerk typed (a real date and time, in London's time); the services decide
(the future, an open board, a meeting not finished)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.govuk.forms import DateInputField, Form, IdempotencyKeyField

LONDON = ZoneInfo("Europe/London")
TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def parse_time(text: str) -> dt.time | None:
    """A time as people type it: 18:30, 18.30, 6:30pm, 6pm. None if it is not one."""
    match = TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def in_london(day: dt.date, time: dt.time) -> dt.datetime | None:
    """The moment ``day`` at ``time`` on a London clock, or None if the clocks skip it (the
    hour lost when they go forward in March)."""
    moment = dt.datetime.combine(day, time, tzinfo=LONDON)
    back = moment.astimezone(dt.UTC).astimezone(LONDON)
    if (back.date(), back.time()) != (day, time):
        return None
    return moment


class MeetingForm(Form):
    title = forms.CharField(
        label=_("What is the meeting called?"),
        help_text=_("For example, “June meeting” or “Budget meeting”."),
        max_length=120,
        error_messages={"required": _("Enter what the meeting is called.")},
    )
    starts_on = DateInputField(what=_("the date of the meeting"))
    starts_time = forms.CharField(
        label=_("What time does it start?"),
        help_text=_("For example, 6:30pm or 18:30."),
        max_length=10,
        error_messages={"required": _("Enter the time the meeting starts, like 18:30.")},
    )
    location = forms.CharField(
        label=_("Where is it?"),
        help_text=_("A room and building, or “Online”. Never someone’s home address."),
        max_length=120,
        error_messages={"required": _("Enter where the meeting is, or “Online”.")},
    )
    is_public = forms.ChoiceField(
        label=_("Is it a public meeting?"),
        help_text=_("A public meeting is listed in the organisation’s calendar that anyone can "
                    "see. Most boards with children on them meet privately."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if it is a public meeting.")},
    )  # fmt: skip

    def clean_starts_time(self) -> dt.time:
        time = parse_time(self.cleaned_data["starts_time"])
        if time is None:
            raise forms.ValidationError(_("Enter the time the meeting starts, like 18:30."))
        return time

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.get("starts_on"), data.get("starts_time")
        if isinstance(day, dt.date) and isinstance(time, dt.time):
            moment = in_london(day, time)
            if moment is None:
                self.add_error(
                    "starts_time",
                    _("The clocks go forward then, so that time does not exist. Enter another."),
                )
            else:
                data["starts_at"] = moment
        data["is_public"] = data.get("is_public") == "yes"
        return data

    @staticmethod
    def initial_for(
        *, title: str, starts_at: dt.datetime, location: str, is_public: bool
    ) -> dict[str, Any]:
        local = starts_at.astimezone(LONDON)
        return {
            "title": title,
            "starts_on": local.date(),
            "starts_time": local.strftime("%H:%M"),
            "location": location,
            "is_public": "yes" if is_public else "no",
        }


class MeetingPlanForm(MeetingForm):
    idempotency_key = IdempotencyKeyField()


def _optional_choice(label: Any, invalid: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": invalid},
    )


class AgendaItemForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the agenda item's title.")},
    )
    plain_summary = forms.CharField(
        label=_("What is it about, in plain words? (optional)"),
        help_text=_("Young members read this before the meeting. Write it so a 12-year-old "
                    "would understand."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    theme = _optional_choice(
        _("Is it about something young people said? (optional)"),
        _("Select a theme from the list."),
    )
    initiative = _optional_choice(
        _("Which initiative is it part of? (optional)"), _("Select an initiative from the list.")
    )
    paper = _optional_choice(
        _("Which paper goes with it? (optional)"), _("Select a paper from the list.")
    )

    def __init__(
        self,
        *args: Any,
        themes: list[tuple[int, str]],
        initiatives: list[tuple[int, str]],
        papers: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("Not about a theme")), *themes]  # type: ignore[attr-defined]
        self.fields["initiative"].choices = [("", _("Not part of an initiative")), *initiatives]  # type: ignore[attr-defined]
        self.fields["paper"].choices = [("", _("No paper")), *papers]  # type: ignore[attr-defined]


class AgendaItemAddForm(AgendaItemForm):
    idempotency_key = IdempotencyKeyField()


class PaperForm(Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the paper's title.")},
    )
    plain_words = forms.CharField(
        label=_("What does it say, in plain words?"),
        help_text=_("Young members read this first. Write it so a 12-year-old would "
                    "understand."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter what the paper says in plain words, for young members.")
        },
    )  # fmt: skip
    body = forms.CharField(
        label=_("The paper"),
        help_text=_("Leave a blank line between paragraphs. It is shown as a web page, so "
                    "members can read it on a phone."),
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 15}),
        error_messages={"required": _("Enter what the paper says.")},
    )  # fmt: skip


class PaperAddForm(PaperForm):
    idempotency_key = IdempotencyKeyField()
