from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import SimpleLazyObject

from alongside.accounts import services
from alongside.accounts.actor import actor_for_user
from alongside.accounts.models import Person


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


# Pages a young person growing up can always reach: the two pages they are sent to, their own
# account (to withdraw instead), the page with their new username, and everything a
# signed-in person may reach before two-factor.
GROWING_UP_EXEMPT_URL_NAMES = TWO_FACTOR_EXEMPT_URL_NAMES | {
    "accounts:own-consent",
    "accounts:community-member",
    "accounts:join-done",
    "accounts:my-account",
    "accounts:my-data",
    "accounts:my-consent-withdraw",
    "accounts:my-deletion",
}


class GrowingUpMiddleware:
    """Sends a young person, once, to the page for what changed as they grew up.

    At 13, if their parent agreed for them, they are asked for their own consent (UK GDPR
    Article 8). Past the youth offer's upper age they become a community member and are told.
    It reads only what the actor already loaded for the page, so it adds no query to a visit
    where nothing changed (tests/accounts/test_growing_up.py counts them).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.user.is_authenticated:
            destination = self._destination(request)
            if destination:
                return HttpResponseRedirect(reverse(destination))
        return self.get_response(request)

    def _destination(self, request: HttpRequest) -> str | None:
        path = request.path_info
        if path.startswith(("/static/", "/assets/", "/api/")):
            return None
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.view_name in GROWING_UP_EXEMPT_URL_NAMES:
            return None
        actor = request.actor  # type: ignore[attr-defined]
        person = actor.person
        if person is None or person.kind not in (
            Person.Kind.YOUNG_PERSON,
            Person.Kind.COMMUNITY_MEMBER,
        ):
            return None
        if services.age_out_due(actor):
            services.person_age_out(person=person)
            return "accounts:community-member"
        if person.aged_out_at is not None and person.aged_out_told_at is None:
            return "accounts:community-member"
        if person.own_consent_asked_at is None and actor.own_consent_due_in():
            return "accounts:own-consent"
        return None
