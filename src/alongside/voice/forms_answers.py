"""Forms for themes and answers. Forms check what was typed; services decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.limits import column_length
from alongside.govuk.forms import Form, IdempotencyKeyField
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer, Theme

WHOLE_ORGANISATION = ""


class IdempotencyMixin(Form):
    """A key made when the form is first shown, so the same form sent twice is stored once."""

    idempotency_key = IdempotencyKeyField()


class ThemeNameForm(Form):
    name = forms.CharField(
        label=_("Name of the theme"),
        help_text=_("A few words that sum up what the contributions in it say"),
        max_length=column_length(Theme, "name"),
        error_messages={"required": _("Enter a name for the theme")},
    )


class ThemeDescriptionForm(Form):
    description = forms.CharField(
        label=_("What the theme is about (optional)"),
        help_text=_("Young people may see this next to the answer you give the theme"),
        max_length=column_length(Theme, "description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ThemeCreateForm(ThemeNameForm, ThemeDescriptionForm):
    initiative = forms.ChoiceField(
        label=_("Which initiative is it for?"),
        required=False,
        choices=[],
    )
    field_order = ["name", "description", "initiative"]

    def __init__(self, *args: Any, initiatives: Iterable[Initiative] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initiatives = {str(i.public_id): i for i in initiatives}
        field = self.fields["initiative"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(WHOLE_ORGANISATION, _("All initiatives"))] + [
            (key, initiative.title) for key, initiative in self.initiatives.items()
        ]

    def clean_initiative(self) -> Initiative | None:
        key = self.cleaned_data.get("initiative") or WHOLE_ORGANISATION
        return self.initiatives.get(key)


class ThemeChoiceForm(Form):
    theme = forms.ChoiceField(
        label=_("Which theme should it go in?"),
        choices=[],
        error_messages={
            "required": _("Select a theme"),
            "invalid_choice": _("Select a theme"),
        },
    )

    def __init__(self, *args: Any, themes: Iterable[Theme] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themes = {str(t.public_id): t for t in themes}
        field = self.fields["theme"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a theme"))] + [
            (key, _theme_label(theme)) for key, theme in self.themes.items()
        ]

    def clean_theme(self) -> Theme:
        return self.themes[self.cleaned_data["theme"]]


def _theme_label(theme: Theme) -> str:
    if theme.initiative is None:
        return theme.name
    return f"{theme.name} ({theme.initiative.title})"


# What each status means, for the person choosing it.
STATUS_HINTS = {
    Answer.Status.HEARD.value: _("You have read it and will keep it in mind. Nothing is decided."),
    Answer.Status.CONSIDERING.value: _("Someone is looking at it now. Say who, and by when."),
    Answer.Status.CHANGED.value: _("Something is different because of it. Say what changed."),
    Answer.Status.NOT_POSSIBLE.value: _("It cannot happen. You must say why, honestly."),
    Answer.Status.PASSED_ON.value: _(
        "Someone else can decide it, like another team or the council. Say who."
    ),
}


class AnswerForm(IdempotencyMixin):
    status = forms.ChoiceField(
        label=_("What is happening with it?"),
        choices=Answer.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what is happening with it"),
            "invalid_choice": _("Select what is happening with it"),
        },
    )
    text = forms.CharField(
        label=_("Your answer"),
        help_text=_(
            "Write to the young people who said it, in words a 12-year-old knows. "
            "If it is not possible, say why."
        ),
        max_length=column_length(Answer, "text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter your answer")},
    )
    passed_to = forms.CharField(
        label=_("Who did you pass it to? (if you passed it on)"),
        help_text=_("A team or a role, like “the council’s parks team”. Not a person’s name."),
        max_length=column_length(Answer, "passed_to"),
        required=False,
    )
    field_order = ["status", "text", "passed_to", "idempotency_key"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].item_hints = STATUS_HINTS  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        if status == Answer.Status.PASSED_ON and not data.get("passed_to", "").strip():
            self.add_error("passed_to", _("Enter who you passed it to"))
        if status == Answer.Status.NOT_POSSIBLE and "text" in self.errors:
            self.errors["text"] = self.error_class([str(_("Say why it is not possible"))])
        return data
