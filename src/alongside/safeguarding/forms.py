"""Forms for saying what is wrong, raising a concern and dealing with one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Organisation
from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField
from alongside.safeguarding.models import Concern


class _Keyed(Form):
    """A hidden key made when the form is first shown, so sending it twice stores one concern."""

    idempotency_key = IdempotencyKeyField()


class TellUsForm(_Keyed):
    """One question: what is wrong, in their own words."""

    text = forms.CharField(
        label=_("Tell us what is wrong"),
        max_length=column_length(Concern, "text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us what is wrong")},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _(
            "Write it in your own words. Only the safeguarding lead at %(organisation)s will "
            "read it."
        ) % {"organisation": organisation.name}


class ChooseOrganisationForm(Form):
    """Which of the places they take part in to tell (asked only of those in more than one)."""

    org = forms.ChoiceField(
        label=_("Who do you want to tell?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select who you want to tell")},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o.slug, o.name) for o in organisations]


class RaiseForm(_Keyed):
    text = forms.CharField(
        label=_("What did you see, hear or read?"),
        help_text=_(
            "Write what happened and what was said, in the person's own words where you can. "
            "Say who it is about. Only the designated safeguarding leads will read it."
        ),
        max_length=column_length(Concern, "text"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter what you saw, heard or read")},
    )


class RespondForm(Form):
    response = forms.CharField(
        label=_("What should they be told?"),
        help_text=_(
            "Write it for them to read: plain words, nothing they did not already know about "
            "anyone else."
        ),
        max_length=column_length(Concern, "response"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter what to tell them")},
    )
    share = forms.BooleanField(
        label=_("Show this to them now"),
        help_text=_("They will see it on their My concerns page. Once shown, it stays shown."),
        required=False,
    )


class CloseForm(Form):
    note = forms.CharField(
        label=_("Why are you closing it?"),
        help_text=_("For the record. The young person never sees this note."),
        max_length=column_length(Concern, "close_note"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter why you are closing it")},
    )
