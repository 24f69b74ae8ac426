"""How django-allauth fits Alongside: no public sign-up, recovery only through a verified
address, and sign-ins go in the audit trail."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit as internal_ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alongside.accounts import services, tasks

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
            "Wait 5 minutes, then try again. If you have forgotten your passphrase, "
            "ask your youth worker for a reset code."
        ),
    }

    # Sign-in failures are limited per (account, address) by allauth's "login_failed" rates,
    # whose key is made here, and then more slowly per account ("login_failed_account"). Only
    # tries the first let through count towards the second, so a stranger failing again and
    # again for a child's username from elsewhere cannot lock the child out, and 30 children
    # on one youth club's wifi each mistyping once are not locked out either.
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}|{self.get_client_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        login = str(credentials.get("email", credentials.get("username", ""))).lower()
        self._account_rl_usage = internal_ratelimit.consume(
            request, app="allauth.account", action="login_failed_account", key=login
        )
        if not self._account_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        # A successful sign-in gives back what its try took, from both limits.
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_rl_usage", None)
        if usage:
            usage.rollback()

    def send_password_reset_mail(self, user: Any, email: str, context: dict[str, Any]) -> None:
        # Only to an address its owner has shown is theirs. A young person may type anyone's
        # address when they join; until they open the link we mail to it, whoever owns that
        # address must not be able to take the account. The visitor sees the same "check your
        # email" page either way, so nobody learns which addresses have accounts. The task
        # checks the address, makes the link and sends it, so that a known address takes no
        # longer to answer than an unknown one.
        user_id, base_url = user.pk, allauth_context.request.build_absolute_uri("/")
        transaction.on_commit(
            lambda: tasks.password_reset_email_send.enqueue(
                user_id=user_id, email=email, base_url=base_url
            )
        )

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
