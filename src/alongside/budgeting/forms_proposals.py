"""Forms for proposals and the feasibility panel: they check what was typed; the services decide
whether it may happen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.budgeting.models import (
    ConflictOfInterest,
    CostLine,
    FeasibilityCheck,
    Proposal,
    ProposalPhoto,
)
from alongside.budgeting.services.feasibility import REOPEN_REASON_LENGTH
from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField, MoneyField, PhotoField

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
DISPLAY_NAME_LENGTH = 60


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message, "invalid_choice": message}


class RadioField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, *, item_hints: dict[Any, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item_hints = {str(k): v for k, v in (item_hints or {}).items()}


def _text(
    model: type[Any],
    column: str,
    label: StrOrPromise,
    required: StrOrPromise | None,
    rows: int = 0,
    **kwargs: Any,
) -> forms.CharField:
    if rows:
        kwargs["widget"] = forms.Textarea(attrs={"rows": rows, "spellcheck": "true"})
    return forms.CharField(
        label=label,
        max_length=column_length(model, column),
        required=required is not None,
        error_messages=_required(required) if required is not None else {},
        **kwargs,
    )


class IdempotentForm(Form):
    """The key is made when the form is first shown, so the same form sent twice acts once."""

    idempotency_key = IdempotencyKeyField()


# Proposals ---------------------------------------------------------------------------------


class ProposalForm(Form):
    """What a project is. Staff name its lead; a young person writing one leads it."""

    ideas = forms.MultipleChoiceField(
        label=_("Which ideas does it come from?"),
        help_text=_("Select all that apply. These are the ideas young people gave this round."),
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required(_("Select at least one idea the project comes from")),
    )
    title = _text(
        Proposal, "title", _("What is the project called?"), _("Enter the project's name")
    )
    summary = _text(
        Proposal,
        "summary",
        _("What would the project do?"),
        _("Say what the project would do"),
        rows=6,
        help_text=_(
            "Say what would happen, who it is for and where. Everyone who votes reads this, so "
            "use words a 12-year-old would understand. Do not put anyone's name or address."
        ),
    )
    proposed_by = RadioField(
        label=_("Who is putting it forward?"),
        error_messages=_required(_("Select who is putting the project forward")),
    )
    proposer_name = _text(
        Proposal,
        "proposer_name",
        _("Name of the group or organisation"),
        None,
        help_text=_("Leave this empty if one young person is putting it forward."),
    )
    area = forms.ChoiceField(
        label=_("Which area is it for?"),
        error_messages=_required(_("Select the area the project is for")),
    )
    lead = forms.CharField(
        label=_("Who will lead it?"),
        help_text=_(
            "Their display name in this organisation: a member of staff or a young person."
        ),
        max_length=DISPLAY_NAME_LENGTH,
        error_messages=_required(_("Enter who will lead the project")),
    )

    def __init__(
        self,
        *args: Any,
        ideas: list[tuple[str, str]],
        kinds: list[tuple[str, str]],
        areas: list[tuple[str, str]],
        staff: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ideas"].choices = ideas  # type: ignore[attr-defined]
        self.fields["proposed_by"].choices = kinds  # type: ignore[attr-defined]
        if areas:
            self.fields["area"].choices = [("", _("Choose an area")), *areas]  # type: ignore[attr-defined]
        else:
            del self.fields["area"]
        if not staff:
            del self.fields["lead"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = data.get("proposed_by") in (
            Proposal.ProposedBy.GROUP,
            Proposal.ProposedBy.ORGANISATION,
        )
        if named and not (data.get("proposer_name") or "").strip():
            self.add_error("proposer_name", _("Enter the name of the group or organisation"))
        return data


class ProposalCreateForm(ProposalForm, IdempotentForm):
    pass


class CostLineForm(IdempotentForm):
    item = _text(
        CostLine,
        "item",
        _("What is the money for?"),
        _("Enter what the money is for"),
        help_text=_("For example, 'Two benches' or 'A coach for 10 weekly sessions'."),
    )
    pence = MoneyField(
        label=_("How much will it cost, in pounds?"),
        help_text=_("Include VAT. For example, 250 or 249.99."),
        error_messages={"required": _("Enter how much it will cost")},
    )


class PhotoForm(IdempotentForm):
    image = PhotoField(
        error_messages={"required": _("Choose a photo")},
        label=_("Photo"),
        help_text=_(
            "For example, a drawing or the place the project is for. A JPG or PNG smaller than "
            "5 MB. Do not add photos of people's faces."
        ),
    )
    description = _text(
        ProposalPhoto,
        "description",
        _("What does the photo show?"),
        _("Say what the photo shows"),
        help_text=_("This is read out to people who cannot see the photo."),
    )


class ProposalFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Proposal.Status.choices]
    )
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if areas:
            self.fields["area"].choices = [("", _("All areas")), *areas]  # type: ignore[attr-defined]
        else:
            del self.fields["area"]


# The panel ---------------------------------------------------------------------------------


class WithdrawForm(Form):
    reason = _text(
        Proposal,
        "withdrawn_reason",
        _("Why is it being withdrawn? (optional)"),
        None,
        rows=4,
        help_text=_(
            "This is published on the round's projects page, so young people can see why. "
            "Keep it plain, and do not name anyone."
        ),
    )


class PanelAddForm(Form):
    name = forms.CharField(
        label=_("Who do you want to add?"),
        help_text=_(
            "Their display name in this organisation: a member of staff or a young person."
        ),
        max_length=DISPLAY_NAME_LENGTH,
        error_messages=_required(_("Enter the display name of the person to add")),
    )


class ConflictForm(Form):
    interest = _text(
        ConflictOfInterest,
        "interest",
        _("What is your interest in this project?"),
        _("Say what your interest in the project is"),
        rows=3,
        help_text=_(
            "For example, 'My sister leads it' or 'My youth club would get the money'. Staff and "
            "the panel see this. You will not be able to check this project."
        ),
    )


class CheckForm(Form):
    is_legal = RadioField(
        label=_("Is it legal?"),
        choices=YES_NO,
        help_text=_("Could it be done without breaking the law or the organisation's rules?"),
        error_messages=_required(_("Select whether it is legal")),
    )
    is_costed = RadioField(
        label=_("Is it properly costed?"),
        choices=YES_NO,
        help_text=_("Do the costs look right, and is everything it needs paid for?"),
        error_messages=_required(_("Select whether it is properly costed")),
    )
    is_in_scope = RadioField(
        label=_("Is it in scope?"),
        choices=YES_NO,
        help_text=_("Is it the kind of thing this budget is for, in the places it covers?"),
        error_messages=_required(_("Select whether it is in scope")),
    )
    reason = _text(
        Proposal,
        "not_feasible_reason",
        _("If it cannot go forward, why not?"),
        None,
        rows=4,
        help_text=_(
            "This is published on the round's projects page, so everyone can see why. Keep it "
            "kind and plain, and do not name anyone."
        ),
    )
    notes = _text(
        FeasibilityCheck,
        "notes",
        _("Notes for staff and the panel (optional)"),
        None,
        rows=3,
        help_text=_("These are not published."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answers = [data.get(name) for name in ("is_legal", "is_costed", "is_in_scope")]
        if "no" in answers and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the project cannot go forward. This is published"))
        return data


class ReopenForm(Form):
    reason = forms.CharField(
        label=_("Why are you reopening the check?"),
        help_text=_(
            "For example, 'We pressed the wrong answer' or 'The costs were read wrongly'. This "
            "goes in the audit trail, which staff can read. It is not published."
        ),
        max_length=REOPEN_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "true"}),
        error_messages=_required(_("Say why the check is being reopened")),
    )
