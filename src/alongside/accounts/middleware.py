from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from alongside.accounts.actor import actor_for_user


class ActorMiddleware:
    """Puts ``request.actor`` (the person and their roles) on every request, loaded lazily."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = SimpleLazyObject(lambda: actor_for_user(request.user))  # type: ignore[attr-defined]
        return self.get_response(request)


# Pages a staff member may reach before their second factor is set up: signing in and out,
# setting up the factor itself, and pages with no personal data on them.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_change_password",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "home:language",
        "home:healthz",
        "home:privacy",
        "home:accessibility",
        "home:cookies",
    }
)


class StaffTwoFactorMiddleware:
    """Staff see other people's data, so they set up two-factor before any page shows it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and self._needs_setup(request):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _needs_setup(self, request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(("/static/", "/assets/", "/api/")):
            return False
        try:
            match = resolve(path)
        except Resolver404:
            return False
        if match.view_name in TWO_FACTOR_EXEMPT_URL_NAMES:
            return False
        if not request.actor.is_staff:  # type: ignore[attr-defined]
            return False
        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
