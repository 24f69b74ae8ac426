"""Signing in by email only with an address its owner has shown is theirs."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress


class VerifiedEmailBackend(AuthenticationBackend):
    """allauth's backend, except that an unverified address signs nobody in.

    A young person may type any address when they join: until they open the link we mail to
    it, that address must be no way into their account, for them or for its real owner.
    """

    def _authenticate_by_email(self, email: str, password: str) -> Any:
        user = super()._authenticate_by_email(email, password)
        if user is None:
            return None
        if EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
            return user
        return None
