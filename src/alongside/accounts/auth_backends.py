"""Signing in by email only with an address its owner has shown is theirs, and the signed-in
user loaded with their person."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.contrib.auth import backends

from alongside.accounts.models import User


class _UserWithPerson:
    """Every signed-in page asks who the person is (the actor), so the user of a session comes
    with their person in one query, not two."""

    def get_user(self, user_id: Any) -> Any:
        user = User.objects.select_related("person").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_UserWithPerson, backends.ModelBackend):
    """Django's: a username (or a young person's sign-in name) and passphrase."""


class VerifiedEmailBackend(_UserWithPerson, AuthenticationBackend):
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
