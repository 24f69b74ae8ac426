"""The access log of ``alongside serve`` holds no secret from a path and no query string."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from django.urls import URLResolver, get_resolver, reverse

from alongside.config.accesslog import (
    ACCESS_LOG_FORMAT,
    SECRET_PARAMETERS,
    AccessLogger,
    RedactPathsFilter,
    redact_path,
)

SECRET = "Zq8pW3xY7vK2mN5bR9tL"
RESET = "/account/password/reset/key"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (f"/consent/{SECRET}/", "/consent/:token/"),
        # Without its slash, Django redirects it: the secret is just as real.
        (f"/consent/{SECRET}", "/consent/:token"),
        (f"/account/password/reset/key/3b-{SECRET}/", f"{RESET}/:token-:token/"),
        (f"/account/password/reset/key/3b-{SECRET}-more/", f"{RESET}/:token-:token/"),
        ("/orgs/riverside/people/", "/orgs/riverside/people/"),
        ("/account/password/reset/key/done/", "/account/password/reset/key/done/"),
        ("/", "/"),
        ("/no/such/page/", "/no/such/page/"),
    ],
)  # fmt: skip
def test_secret_segments_are_replaced(path, expected):
    assert redact_path(path) == expected


def secret_routes(resolver=None, namespace=""):
    """(name, parameters) of every named route with a secret parameter, from the URLconf."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from secret_routes(entry, inner)
        elif entry.name and SECRET_PARAMETERS & entry.pattern.regex.groupindex.keys():
            yield namespace + entry.name, set(entry.pattern.regex.groupindex)


def test_every_route_with_a_secret_parameter_is_redacted():
    # Given every route of the product with a secret parameter (consent, reset links, ...)
    routes = list(secret_routes())
    assert {"accounts:parent-consent", "account_reset_password_from_key"} <= {n for n, _ in routes}
    for name, parameters in routes:
        # When its address is logged, Then the secret is not in it
        address = reverse(name, kwargs=dict.fromkeys(parameters, SECRET))
        assert SECRET not in redact_path(address), name


def access_line(path: str, query: str = "", **headers: str) -> str:
    logger = AccessLogger(SimpleNamespace(**_gunicorn_config()))
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path + ("?" + query if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        **{"HTTP_" + k.upper(): v for k, v in headers.items()},
    }
    request_headers = [(k.upper().replace("_", "-"), v) for k, v in headers.items()]
    response = SimpleNamespace(status="200 OK", sent=123, headers=[])
    atoms = logger.atoms(
        response, SimpleNamespace(headers=request_headers), environ, dt.timedelta(seconds=0)
    )
    return ACCESS_LOG_FORMAT % atoms


def _gunicorn_config() -> dict[str, object]:
    from gunicorn.config import Config

    config = Config()
    return {name: setting.get() for name, setting in config.settings.items()}


def test_an_access_line_has_no_query_token_referrer_or_cookie():
    line = access_line(
        f"/consent/{SECRET}/",
        query="q=Ruby+Okafor",
        referer=f"https://example.org/consent/{SECRET}/?q=Ruby",
        cookie="sessionid=abc123",
        user_agent="Firefox",
    )
    assert '"GET /consent/:token/ HTTP/1.1" 200 123' in line
    assert "10.0.0.7" in line
    assert "Firefox" in line
    for secret in (SECRET, "Ruby", "Okafor", "abc123", "q="):
        assert secret not in line


def test_django_log_records_have_their_paths_redacted():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "%s: %s",
        ("Not Found", f"/consent/{SECRET}/"),
        None,
    )
    RedactPathsFilter().filter(record)
    assert record.getMessage() == "Not Found: /consent/:token/"
