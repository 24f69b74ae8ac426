"""How django-allauth fits Alongside: no public sign-up, and sign-ins go in the audit trail."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from alongside.accounts import services


class AccountAdapter(DefaultAccountAdapter):
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
