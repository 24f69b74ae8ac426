"""Every URL of the product. Each view asks the policy through ``requires``; the permission
matrix test walks this file and fails on a URL it does not know."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account import views as account_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.recovery_codes import views as recovery_views
from allauth.mfa.totp import views as totp_views
from allauth.usersessions import views as session_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path

from alongside.accounts import rules
from alongside.accounts.web import requires
from alongside.config.api import api

public = requires(rules.PAGE_VIEW)
own = requires(rules.OWN_ACCOUNT)


def _code_always_posted(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """allauth's security-code step takes a POST without a code field for a WebAuthn answer,
    which we do not offer, and then has no form to show (a 500). Send an empty code instead,
    so the person is asked for it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and "code" not in request.POST:
            posted = request.POST.copy()
            posted["code"] = ""
            request.POST = posted  # type: ignore[assignment]
        return view(request, *args, **kwargs)

    return wrapper


# Only the parts of django-allauth we use and have GOV.UK templates for: no public sign-up.
sign_in_patterns = [
    path("login/", public(account_views.login), name="account_login"),
    path("logout/", public(account_views.logout), name="account_logout"),
    path("reauthenticate/", own(account_views.reauthenticate), name="account_reauthenticate"),
    path("password/change/", own(account_views.password_change), name="account_change_password"),
    path("password/reset/", public(account_views.password_reset), name="account_reset_password"),
    path(
        "password/reset/done/",
        public(account_views.password_reset_done),
        name="account_reset_password_done",
    ),
    # As allauth writes it: the key itself contains "-", so the user id must stop at the first.
    re_path(
        r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        public(account_views.password_reset_from_key),
        name="account_reset_password_from_key",
    ),
    path(
        "password/reset/key/done/",
        public(account_views.password_reset_from_key_done),
        name="account_reset_password_from_key_done",
    ),
    path("2fa/", own(mfa_views.index), name="mfa_index"),
    # Reached half-way through signing in, before the person is signed in.
    path(
        "2fa/authenticate/",
        public(_code_always_posted(mfa_views.authenticate)),
        name="mfa_authenticate",
    ),
    path("2fa/reauthenticate/", own(mfa_views.reauthenticate), name="mfa_reauthenticate"),
    path("2fa/totp/activate/", own(totp_views.activate_totp), name="mfa_activate_totp"),
    path("2fa/totp/deactivate/", own(totp_views.deactivate_totp), name="mfa_deactivate_totp"),
    path(
        "2fa/recovery-codes/",
        own(recovery_views.view_recovery_codes),
        name="mfa_view_recovery_codes",
    ),
    path(
        "2fa/recovery-codes/generate/",
        own(recovery_views.generate_recovery_codes),
        name="mfa_generate_recovery_codes",
    ),
    path(
        "2fa/recovery-codes/download/",
        own(recovery_views.download_recovery_codes),
        name="mfa_download_recovery_codes",
    ),
    path("sessions/", own(session_views.list_usersessions), name="usersessions_list"),
]

urlpatterns = [
    path("", include("alongside.home.urls")),
    path("", include("alongside.accounts.urls")),
    path("", include("alongside.initiatives.urls")),
    path("", include("alongside.voice.urls")),
    path("", include("alongside.decisions.urls")),
    path("", include("alongside.safeguarding.urls")),
    path("", include("alongside.budgeting.urls")),
    path("", include("alongside.governance.urls")),
    path("", include("alongside.credits.urls")),
    path("", include("alongside.notices.urls")),
    path("account/", include(sign_in_patterns)),
    path("api/v1/", api.urls),
]

handler400 = "alongside.home.views.handler400"
handler403 = "alongside.home.views.handler403"
handler404 = "alongside.home.views.handler404"
handler500 = "alongside.home.views.handler500"
