"""Forms validate what a person typed; services decide whether it may happen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField, PhotoField
from alongside.voice.models import Contribution

TEXT_LENGTH = column_length(Contribution, "text")
REASON_LENGTH = column_length(Contribution, "moderation_reason")
# A display name, as a worker types it to find whose words they are writing down.
AUTHOR_NAME_LENGTH = 60

KIND_HINTS = {
    Contribution.Kind.IDEA: _("Something that could be done or changed"),
    Contribution.Kind.VIEW: _("What you think about something"),
    Contribution.Kind.QUESTION: _("Something you want to ask"),
    Contribution.Kind.EXPERIENCE: _("Something that happened to you"),
    Contribution.Kind.SERVICE_FEEDBACK: _("What you think of a service you use"),
}
ANONYMITY_CHOICES = [
    (Contribution.Anonymity.NOBODY, _("Nobody – I want to stay anonymous")),
    (Contribution.Anonymity.STAFF_ONLY, _("Only the staff running this, not other young people")),
]
ANONYMITY_HINTS = {
    Contribution.Anonymity.NOBODY: _("Your words are shown as from “Anonymous”"),
    Contribution.Anonymity.STAFF_ONLY: _(
        "Staff can then tell you what happened and ask you more. Everyone else sees “Anonymous”"
    ),
}


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message, "invalid_choice": message}


class RadioField(forms.ChoiceField):
    widget = forms.RadioSelect

    def __init__(self, *, item_hints: dict[Any, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item_hints = {str(k): v for k, v in (item_hints or {}).items()}


def _text_field(
    label: StrOrPromise, help_text: StrOrPromise, required: StrOrPromise
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        error_messages={"required": required},
    )


# Giving an idea or view, one question per page -----------------------------------------------


class InitiativeChoiceForm(Form):
    initiative = RadioField(
        label=_("What do you want to have your say about?"),
        error_messages=_required(_("Select what you want to have your say about")),
    )

    def __init__(self, *args: Any, initiatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = initiatives  # type: ignore[attr-defined]


class KindForm(Form):
    kind = RadioField(
        label=_("What would you like to give?"),
        choices=Contribution.Kind.choices,
        item_hints=KIND_HINTS,
        error_messages=_required(_("Select what you would like to give")),
    )


class WordsForm(Form):
    text = _text_field(
        _("Your words"),
        _(
            "Write as much or as little as you like. To keep you safe, we check for phone "
            "numbers, email addresses and home addresses. If we find one, a worker reads "
            "your words before anyone else sees them."
        ),
        _("Enter your idea or view"),
    )


class PhotoForm(Form):
    image = PhotoField(
        label=_("Add a photo (optional)"),
        help_text=_(
            "For example, a drawing or notes you wrote on paper. A JPG or PNG smaller than "
            "5 MB. Do not add photos of people's faces."
        ),
        required=False,
    )


class AnonymityForm(Form):
    anonymity = RadioField(
        label=_("Who can see your name?"),
        choices=ANONYMITY_CHOICES,
        item_hints=ANONYMITY_HINTS,
        error_messages=_required(_("Select who can see your name")),
    )


class SendForm(Form):
    """Check your answers: the key was made when the first page was shown, so pressing
    "Send" twice (or going back and sending again) stores one contribution."""

    idempotency_key = IdempotencyKeyField()


# Staff ---------------------------------------------------------------------------------


class RecordForm(Form):
    initiative = forms.ChoiceField(
        label=_("Initiative"),
        error_messages=_required(_("Select the initiative it is about")),
    )
    session = forms.UUIDField(widget=forms.HiddenInput, required=False)
    author_name = forms.CharField(
        label=_("Whose words are these? (optional)"),
        help_text=_(
            "Their display name in this organisation. Leave it empty for what a group said."
        ),
        max_length=AUTHOR_NAME_LENGTH,
        required=False,
    )
    channel = RadioField(
        label=_("Where was it said or written?"),
        choices=[
            (Contribution.Channel.SESSION, _("At a session")),
            (Contribution.Channel.PAPER, _("On paper")),
            (Contribution.Channel.SURVEY, _("In a survey")),
        ],
        error_messages=_required(_("Select where it was said or written")),
    )
    kind = RadioField(
        label=_("What kind of contribution is it?"),
        choices=Contribution.Kind.choices,
        error_messages=_required(_("Select what kind of contribution it is")),
    )
    text = _text_field(
        _("What they said"),
        _("In their words, as far as you can. Leave out phone numbers and addresses."),
        _("Enter what they said"),
    )
    image = PhotoField(
        label=_("Photo of flipchart notes or a drawing (optional)"),
        help_text=_("A JPG or PNG smaller than 5 MB. Kept privately; only staff can see it."),
        required=False,
    )
    anonymity = RadioField(
        label=_("Who can see their name?"),
        choices=[
            (Contribution.Anonymity.NOBODY, _("Nobody")),
            (Contribution.Anonymity.STAFF_ONLY, _("Staff only")),
        ],
        initial=Contribution.Anonymity.NOBODY,
        error_messages=_required(_("Select who can see their name")),
    )
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args: Any, initiatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("Choose an initiative")), *initiatives]  # type: ignore[attr-defined]


class HideForm(Form):
    reason = forms.CharField(
        label=_("Why are you hiding it?"),
        help_text=_("The author can see this reason. Keep it kind and plain."),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter why you are hiding it")},
    )


class EditForm(Form):
    text = _text_field(
        _("Your words"),
        _(
            "We check again for phone numbers, email addresses and home addresses. If the "
            "initiative checks words first, a worker reads them again before they are shown."
        ),
        _("Enter your idea or view"),
    )


class StaffFilterForm(Form):
    initiative = forms.ChoiceField(label=_("Initiative"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *Contribution.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *Contribution.Kind.choices]
    )

    def __init__(self, *args: Any, initiatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("All initiatives")), *initiatives]  # type: ignore[attr-defined]
