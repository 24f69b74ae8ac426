"""Forms for a young member's private question about a meeting, and its answer. Forms check
what was typed; the services decide who may send and who may answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.governance.models import BriefingQuestion
from alongside.govuk.forms import Form, IdempotencyKeyField

TO_LABELS = {
    BriefingQuestion.To.CHAIR: _("The chair of the board"),
    BriefingQuestion.To.SUPPORT_WORKER: _("The support worker for the board"),
}


class QuestionForm(Form):
    idempotency_key = IdempotencyKeyField()
    kind = forms.ChoiceField(
        label=_("What is it about?"),
        choices=BriefingQuestion.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what your question is about.")},
    )
    to = forms.ChoiceField(
        label=_("Who do you want to read it?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who you want to read it."),
            "invalid_choice": _("Select who you want to read it."),
        },
    )
    text = forms.CharField(
        label=_("Your question"),
        help_text=_("Say which part of the meeting or which paper it is about, if you can."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Write your question."),
            "max_length": _("Your question must be 2000 characters or fewer."),
        },
    )

    def __init__(self, *args: Any, recipients: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recipients:
            to = self.fields["to"]
            to.choices = [(value, TO_LABELS[BriefingQuestion.To(value)]) for value in recipients]  # type: ignore[attr-defined]
            if len(recipients) == 1:
                to.initial = recipients[0]
        else:
            # The board has neither a chair nor a support worker: the page says who reads it.
            del self.fields["to"]


class ReplyForm(Form):
    reply = forms.CharField(
        label=_("Your answer"),
        help_text=_("Use plain words. Only the person who asked will read it."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your answer."),
            "max_length": _("Your answer must be 2000 characters or fewer."),
        },
    )
