"""What every response carries, and what no view should be asked to read.

- ``Cache-Control: no-store`` on every page (not static files): pages here show personal
  details and one-time secrets, and are read on shared computers in youth clubs and schools,
  where the next person can press Back or open the browser's cache (ADR 0013).
- ``Permissions-Policy`` on every response: no page uses the camera, microphone, location,
  payments or devices, so no script (ours or injected) may ask for them.
- A web address with a NUL character in it gets our 400 page (PostgreSQL cannot compare text
  with NUL in it, so looking it up would be a 500).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from whitenoise.middleware import WhiteNoiseFileResponse

from alongside.core.limits import NUL
from alongside.home.views import bad_address

# A page that captures photos at a session will need camera=(self): set it on that view.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


class EdgeHeadersMiddleware:
    """Put this before WhiteNoise, so static files get the Permissions-Policy too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Static files have hashed names and are the same for everyone: let them be cached.
        if not isinstance(response, WhiteNoiseFileResponse):
            patch_cache_control(response, no_store=True)
        return response


def _has_nul(request: HttpRequest) -> bool:
    if NUL in request.path:
        return True
    return any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists())


class RefuseNulMiddleware:
    """Put this last: the 400 page it answers with is drawn like every other page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return bad_address(request)
        return self.get_response(request)
