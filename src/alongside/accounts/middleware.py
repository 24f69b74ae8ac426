from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
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


class SessionActivityMiddleware:
    """Keeps "Where you are signed in" up to date, as allauth's UserSessionsMiddleware does, but
    writes at most once every few minutes per browser instead of on every request.

    allauth's takes a savepoint, reads the record and the user again and updates the row on
    every page, a third of a page's queries. "Last used" needs minutes, not milliseconds; a new
    address or browser for the same session is still written at once.
    """

    SESSION_KEY = "alongside_activity"
    EVERY_SECONDS = 300

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and request.session.session_key:
            self._note(request)
        return self.get_response(request)

    def _note(self, request: HttpRequest) -> None:
        # A digest, so the session does not keep the address a second time.
        client = hashlib.sha256(
            f"{get_adapter(request).get_client_ip(request)}|"
            f"{request.META.get('HTTP_USER_AGENT', '')}".encode()
        ).hexdigest()[:16]
        now = int(time.time())
        seen_at, seen_client = request.session.get(self.SESSION_KEY, (0, ""))
        if seen_client == client and now - seen_at < self.EVERY_SECONDS:
            return
        UserSession.objects.create_from_request(request)
        request.session[self.SESSION_KEY] = (now, client)


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
    """Staff see other people's data, so they set up two-factor before any page shows it.

    It asks in ``process_view``, after Django has resolved the address once for the view, so
    no page pays for resolving it again here."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.user.is_authenticated and self._needs_setup(request):
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return None

    def _needs_setup(self, request: HttpRequest) -> bool:
        if request.path_info.startswith("/api/"):
            return False
        match = request.resolver_match
        if match is None or match.view_name in TWO_FACTOR_EXEMPT_URL_NAMES:
            return False
        if not request.actor.needs_second_factor:  # type: ignore[attr-defined]
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
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method == "GET" and request.user.is_authenticated:
            destination = self._destination(request)
            if destination:
                return HttpResponseRedirect(reverse(destination))
        return None

    def _destination(self, request: HttpRequest) -> str | None:
        if request.path_info.startswith("/api/"):
            return None
        match = request.resolver_match
        if match is None or match.view_name in GROWING_UP_EXEMPT_URL_NAMES:
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
