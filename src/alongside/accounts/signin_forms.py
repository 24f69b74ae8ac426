"""django-allauth's sign-in forms in our words: GOV.UK labels, no placeholders, and no link
to email reset for young people who have no email."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import (
    ChangePasswordForm,
    LoginForm,
    ReauthenticateForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
)
from allauth.account.models import EmailAddress
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as CodeReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.limits import SECRET_MAX_LENGTH, column_length
from alongside.govuk.forms import limit_length, plain_text_errors

# Someone signs in with a username or an email address: whichever column is longer.
LOGIN_MAX_LENGTH = max(column_length(User, "username"), column_length(EmailAddress, "email"))


def _limited(form: forms.BaseForm, **lengths: int) -> None:
    """allauth's fields take any length: give them their limits and our error messages."""
    for name, max_length in lengths.items():
        if name in form.fields:
            limit_length(form.fields[name], max_length)
    plain_text_errors(form)


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
        _plain(self.fields["password"], _("Passphrase"))
        self.fields["login"].error_messages["required"] = _("Enter your username or email address")
        self.fields["password"].error_messages["required"] = _("Enter your passphrase")
        _limited(self, login=LOGIN_MAX_LENGTH, password=SECRET_MAX_LENGTH)


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
        self.fields["oldpassword"].error_messages["required"] = _("Enter your current passphrase")
        self.fields["password1"].error_messages["required"] = _("Enter a new passphrase")
        self.fields["password2"].error_messages["required"] = _("Enter the new passphrase again")
        _limited(
            self,
            oldpassword=SECRET_MAX_LENGTH,
            password1=SECRET_MAX_LENGTH,
            password2=SECRET_MAX_LENGTH,
        )


class ResetRequestForm(ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limited(self, email=column_length(EmailAddress, "email"))
        _plain(self.fields["email"], _("Email address"), autocomplete="email")
        self.fields["email"].error_messages["required"] = _("Enter your email address")


class ResetFromKeyForm(ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limited(self, password1=SECRET_MAX_LENGTH, password2=SECRET_MAX_LENGTH)
        _plain(
            self.fields["password1"],
            _("New passphrase"),
            _("Three or more words you will remember. At least 10 characters."),
        )
        _plain(self.fields["password2"], _("Type it again"))


class PassphraseReauthenticateForm(ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.fields["password"], _("Passphrase"), autocomplete="current-password")
        self.fields["password"].error_messages["required"] = _("Enter your passphrase")
        _limited(self, password=SECRET_MAX_LENGTH)


def _code_field(form: forms.Form) -> None:
    _plain(
        form.fields["code"],
        _("Code"),
        _("The 6-digit code your authenticator app shows now."),
        autocomplete="one-time-code",
    )
    form.fields["code"].error_messages["required"] = _(
        "Enter the 6-digit code from your authenticator app"
    )


# Two-factor codes are checked, never stored: bounded like passwords.
class TwoFactorCodeForm(AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self)
        _limited(self, code=SECRET_MAX_LENGTH)


class TwoFactorReauthenticateForm(CodeReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self)
        _limited(self, code=SECRET_MAX_LENGTH)


class TwoFactorActivateForm(ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _code_field(self)
        _limited(self, code=SECRET_MAX_LENGTH)
