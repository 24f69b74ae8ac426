"""How django-allauth fits Alongside: no public sign-up, and sign-ins go in the audit trail."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alongside.accounts import services

OUR_MESSAGES = {
    "account/messages/logged_in.txt": _("You are signed in."),
    "account/messages/logged_out.txt": _("You have signed out."),
    "account/messages/password_changed.txt": _("Your passphrase has been changed."),
    "account/messages/password_set.txt": _("Your passphrase has been set."),
    "mfa/messages/totp_activated.txt": _("Your authenticator app is set up."),
    "mfa/messages/totp_deactivated.txt": _("Your authenticator app has been removed."),
    "mfa/messages/recovery_codes_generated.txt": _(
        "You have new recovery codes. The old ones no longer work."
    ),
    "usersessions/messages/sessions_logged_out.txt": _(
        "You have been signed out on your other devices."
    ),
}


class AccountAdapter(DefaultAccountAdapter):
    # Plain words, in the GOV.UK style, for people who may be 11 years old.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": _(
            "The username or passphrase is not right. Check them and try again."
        ),
        "email_password_mismatch": _(
            "The email address or passphrase is not right. Check them and try again."
        ),
        "incorrect_password": _("That passphrase is not right. Check it and try again."),
        "too_many_login_attempts": _(
            "You have tried too many times. Wait a few minutes, then try again."
        ),
    }

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # allauth's messages ("Successfully signed in as …") in our words.
        ours = OUR_MESSAGES.get(message_template or "")
        if ours is not None:
            message, message_template = str(ours), None
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # People arrive with a join code from a worker, or as staff set up by an admin.
        return False

    def login(self, request: HttpRequest, user: Any) -> None:
        super().login(request, user)
        services.sign_in_record(user=user)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login = credentials.get("username") or credentials.get("email") or ""
        services.sign_in_failed_record(login=str(login))

    def logout(self, request: HttpRequest) -> None:
        if request.user.is_authenticated:
            services.sign_out_record(user=request.user)
        super().logout(request)


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code is not right. Enter the 6-digit code your authenticator app shows now, "
            "or one of your recovery codes."
        ),
    }
