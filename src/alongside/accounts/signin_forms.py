"""django-allauth's sign-in forms in our words: GOV.UK labels, no placeholders, and no link
to email reset for young people who have no email."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import ChangePasswordForm, LoginForm
from django import forms
from django.utils.translation import gettext_lazy as _


def _plain(field: forms.Field, label: Any, hint: Any = "", autocomplete: str = "") -> None:
    field.label = label
    field.help_text = hint
    field.widget.attrs.pop("placeholder", None)
    if autocomplete:
        field.widget.attrs["autocomplete"] = autocomplete


class SignInForm(LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(
            self.fields["login"],
            _("Username or email address"),
            _("Young people use their username. Staff use their work email address."),
            autocomplete="username",
        )
        _plain(self.fields["password"], _("Passphrase or password"))
        self.fields["login"].error_messages["required"] = _("Enter your username or email address")
        self.fields["password"].error_messages["required"] = _("Enter your passphrase or password")


class PassphraseChangeForm(ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["oldpassword"], _("Current passphrase"))
        _plain(
            self.fields["password1"],
            _("New passphrase"),
            _("Three or more words you will remember. At least 10 characters."),
        )
        _plain(self.fields["password2"], _("New passphrase again"))
