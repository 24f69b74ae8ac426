"""Forms validate what a worker typed; services decide whether it may happen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.accounts.models import Organisation, Person
from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField
from alongside.initiatives import selectors
from alongside.initiatives.models import ChecklistAnswer, CoproductionForm, Initiative, TeamMember

RUNG_NAMES: dict[int, StrOrPromise] = {
    1: _("Manipulation"),
    2: _("Decoration"),
    3: _("Tokenism"),
    4: _("Assigned but informed"),
    5: _("Consulted and informed"),
    6: _("Adult-initiated, shared decisions with young people"),
    7: _("Young people lead and initiate action"),
    8: _("Young people lead, and share decisions with adults"),
}
RUNG_HINTS: dict[int, StrOrPromise] = {
    1: _("Adults use young people to support their own ideas. Not participation."),
    2: _("Young people are there to make it look good, with no say. Not participation."),
    3: _("Young people seem to have a say but have little or no choice. Not participation."),
    4: _("Adults decide; young people know why, and have a real role."),
    5: _("Adults run it; young people's views are asked for and taken seriously."),
    6: _("Adults start it, and decisions are shared with young people."),
    7: _("Young people start and run it; adults support."),
    8: _("Young people start it, and share decisions with adults."),
}


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message}


def _text(
    model: type[Any], column: str, label: StrOrPromise, required: StrOrPromise, **kw: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=column_length(model, column),
        error_messages=_required(required),
        **kw,
    )


def _textarea(
    model: type[Any], column: str, label: StrOrPromise, required: StrOrPromise, **kw: Any
) -> forms.CharField:
    return _text(model, column, label, required, widget=forms.Textarea(attrs={"rows": 4}), **kw)


class FormsChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """The eight forms as checkboxes, each with its description and example from the data."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=selectors.coproduction_forms(),
            to_field_name="code",
            widget=forms.CheckboxSelectMultiple,
            label=_("Which forms of co-production will it use?"),
            help_text=_("Select all that apply."),
            error_messages={
                "required": _("Select at least one form of co-production"),
                "invalid_choice": _("Select at least one form of co-production"),
                "invalid_pk_value": _("Select at least one form of co-production"),
            },
            **kwargs,
        )
        # The forms' words are data in English; gettext marks them so on a Welsh page.
        self.item_hints = {
            form.code: f"{gettext(form.description)} "
            + gettext("For example: %(example)s") % {"example": gettext(form.example)}
            for form in selectors.coproduction_forms()
        }

    def label_from_instance(self, obj: CoproductionForm) -> str:
        return gettext(obj.name)


class IdempotentForm(Form):
    """A form that makes something: the key is made when the form is first shown, so the same
    form sent twice makes it once."""

    idempotency_key = IdempotencyKeyField()


class InitiativeCreateForm(IdempotentForm):
    title = _text(
        Initiative,
        "title",
        _("What is the initiative called?"),
        _("Enter a name for the initiative"),
        help_text=_("Use words young people will understand, like 'Youth budget 2026'."),
    )
    purpose = _textarea(
        Initiative,
        "purpose",
        _("What is it for?"),
        _("Enter what the initiative is for"),
        help_text=_("Say what you want to achieve with young people, in a sentence or two."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forms"] = FormsChoice()


class AboutForm(Form):
    title = InitiativeCreateForm.base_fields["title"]
    purpose = InitiativeCreateForm.base_fields["purpose"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"] = forms.ModelMultipleChoiceField(
            queryset=selectors.partner_choices(organisation=organisation),
            to_field_name="slug",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Partner organisations (optional)"),
            help_text=_("Other organisations running it with you."),
            error_messages={"invalid_choice": _("Select partner organisations from the list")},
        )
        self.fields["lead"] = forms.ModelChoiceField(
            queryset=selectors.lead_choices(organisation=organisation),
            to_field_name="public_id",
            required=False,
            empty_label=str(_("Nobody yet")),
            label=_("Who leads it?"),
            help_text=_("A member of staff of this organisation."),
            error_messages={"invalid_choice": _("Select a member of staff from the list")},
        )


class FormsForm(Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forms"] = FormsChoice()


class DecisionForm(Form):
    decision_fed = _text(
        Initiative,
        "decision_fed",
        _("What decision will young people's views feed into?"),
        _("Enter the decision young people's views will feed into"),
        help_text=_("For example, how £20,000 of the youth budget is spent in 2026."),
    )
    decision_maker = _text(
        Initiative,
        "decision_maker",
        _("Who makes that decision?"),
        _("Enter who makes the decision"),
        help_text=_(
            "Name the person or group with the power to act on young people's views, like "
            "'the council's cabinet' or 'the youth service manager'."
        ),
    )
    scope_for_influence = _textarea(
        Initiative,
        "scope_for_influence",
        _("What can young people change?"),
        _("Enter what young people can change"),
        help_text=_("Be honest about what is already decided and what is still open."),
    )
    how_to_take_part = _textarea(
        Initiative,
        "how_to_take_part",
        _("How can young people take part?"),
        _("Enter how young people can take part"),
        help_text=_("Where, when and how. This is shown on the public page."),
    )


def _date_part(
    label: StrOrPromise, low: int, high: int, invalid: StrOrPromise, out_of_range: StrOrPromise
) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=low,
        max_value=high,
        error_messages={"invalid": invalid, "min_value": out_of_range, "max_value": out_of_range},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _day() -> forms.IntegerField:
    return _date_part(
        _("Day"), 1, 31, _("The day must be a number"), _("The day must be from 1 to 31")
    )


def _month() -> forms.IntegerField:
    return _date_part(
        _("Month"), 1, 12, _("The month must be a number"), _("The month must be from 1 to 12")
    )


def _year() -> forms.IntegerField:
    return _date_part(
        _("Year"),
        2000,
        2100,
        _("The year must be a number, like 2026"),
        _("The year must be from 2000 to 2100"),
    )


class DatesForm(Form):
    """Two GOV.UK date inputs (day, month, year): when it starts and when it ends."""

    starts_day = _day()
    starts_month = _month()
    starts_year = _year()
    ends_day = _day()
    ends_month = _month()
    ends_year = _year()

    @staticmethod
    def initial_for(initiative: Initiative) -> dict[str, int]:
        initial: dict[str, int] = {}
        for prefix, value in (("starts", initiative.starts_on), ("ends", initiative.ends_on)):
            if value is not None:
                initial |= {
                    f"{prefix}_day": value.day,
                    f"{prefix}_month": value.month,
                    f"{prefix}_year": value.year,
                }
        return initial

    MESSAGES = {
        "starts": (
            _("Enter the date it starts"),
            _("The date it starts must have a day, a month and a year"),
            _("The date it starts must be a real date"),
        ),
        "ends": (
            _("Enter the date it ends"),
            _("The date it ends must have a day, a month and a year"),
            _("The date it ends must be a real date"),
        ),
    }

    def _date(self, prefix: str) -> dt.date:
        empty, incomplete, unreal = self.MESSAGES[prefix]
        parts = [self.cleaned_data.get(f"{prefix}_{p}") for p in ("day", "month", "year")]
        if all(part is None for part in parts):
            raise forms.ValidationError(empty, code="required")
        if any(part is None for part in parts):
            raise forms.ValidationError(incomplete)
        day, month, year = (int(part) for part in parts)  # type: ignore[arg-type]
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(unreal) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        for prefix in ("starts", "ends"):
            try:
                data[f"{prefix}_on"] = self._date(prefix)
            except forms.ValidationError as error:
                self.add_error(f"{prefix}_day", error)
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_day", _("The date it ends must be the same as or after the start"))
        return data


class TeamMemberForm(Form):
    role_title = _text(
        TeamMember,
        "role_title",
        _("Role"),
        _("Enter a name for their role"),
        help_text=_("For example, 'Youth inspector' or 'Lead worker'."),
    )
    role_description = _textarea(
        TeamMember,
        "role_description",
        _("What will they do in this role?"),
        _("Enter what they will do in this role"),
        help_text=_("Say what is expected, how much time it takes and who supports them."),
    )

    def __init__(self, *args: Any, candidates: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "person": forms.ModelChoiceField(
                queryset=candidates,
                to_field_name="public_id",
                label=_("Who is joining the team?"),
                empty_label=str(_("Choose someone")),
                error_messages={
                    "required": _("Select who is joining the team"),
                    "invalid_choice": _("Select who is joining the team from the list"),
                },
            ),
            **self.fields,
        }


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ChecklistAnswerForm(Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select yes or no"),
            "invalid_choice": _("Select yes or no"),
        },
    )
    how = forms.CharField(
        label=_("How? If not, why not, and what will you do instead?"),
        max_length=column_length(ChecklistAnswer, "how"),
        error_messages=_required(_("Enter how, or why not")),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class LadderForm(Form):
    claimed_rung = forms.TypedChoiceField(
        label=_("Which rung of Hart's ladder is it on?"),
        help_text=_("Be honest: rungs 1 to 3 are not participation."),
        choices=[(rung, format_lazy("{}. {}", rung, name)) for rung, name in RUNG_NAMES.items()],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select a rung of the ladder"),
            "invalid_choice": _("Select a rung of the ladder"),
        },
    )
    agenda_set_by = forms.ChoiceField(
        label=_("Who set the agenda?"),
        choices=Initiative.Who.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who set the agenda"),
            "invalid_choice": _("Select who set the agenda"),
        },
    )
    decided_by = forms.ChoiceField(
        label=_("Who decides?"),
        choices=Initiative.Who.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who decides"),
            "invalid_choice": _("Select who decides"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["claimed_rung"].item_hints = {  # type: ignore[attr-defined]
            str(rung): hint for rung, hint in RUNG_HINTS.items()
        }


class ModerationForm(Form):
    moderation = forms.ChoiceField(
        label=_("When should someone check what young people say?"),
        help_text=_(
            "Anything with contact details, or that looks like someone is being harmed, is "
            "always held for a person to look at first."
        ),
        choices=[
            ("before", _("Before it is published (safer, slower)")),
            ("after", _("After it is published (quicker)")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select when what young people say is checked"),
            "invalid_choice": _("Select when what young people say is checked"),
        },
    )


class FeedbackForm(Form):
    feedback = _textarea(
        Initiative,
        "feedback",
        _("What did you tell the young people involved?"),
        _("Enter what you told the young people involved"),
        help_text=_(
            "What was decided, what changed because of what they said, and what did not and "
            "why. This is shown on the public page, so name nobody."
        ),
    )


class StageFilterForm(Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("All stages")), *Initiative.Stage.choices],
        required=False,
    )
