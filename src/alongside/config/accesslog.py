"""Logs that never hold a secret or a search: the access log of ``alongside serve`` and the
paths Django's own loggers mention.

A consent link, a password reset link and an email confirmation link carry their secret in
the path; searches carry names in the query string. The access log keeps the method, the
path with each secret replaced by ``:token``, and no query string, referrer, cookie or user.

Which parts of a path are secret is read from the URLconf: a URL parameter named ``token``,
``key`` or ``uidb36`` is secret wherever it appears, so a new link route is covered by naming
its parameter so.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator
from typing import Any

from gunicorn import glogging

SECRET_PARAMETERS = frozenset({"token", "key", "uidb36"})
REDACTED = ":token"

# No referrer (it is the previous page's address, with its secrets and query) and no user.
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'


def _patterns(resolver: Any, prefix: str = "") -> Iterator[str]:
    """The full regular expression of every route, parents' prefixes included."""
    for entry in resolver.url_patterns:
        regex = entry.pattern.regex.pattern.removeprefix("^")
        if hasattr(entry, "url_patterns"):
            yield from _patterns(entry, prefix + regex)
        else:
            yield prefix + regex


@functools.cache
def _secret_routes() -> tuple[re.Pattern[str], ...]:
    from django.urls import get_resolver

    routes = []
    for pattern in _patterns(get_resolver()):
        compiled = re.compile("^" + pattern)
        if SECRET_PARAMETERS & compiled.groupindex.keys():
            routes.append(compiled)
    return tuple(routes)


def redact_path(path: str) -> str:
    """``/consent/AbC123/`` → ``/consent/:token/``; a path with no secret is left alone.

    A path missing its final slash is matched as if it had one: Django redirects it to the
    slashed address, and the secret in it is just as real.
    """
    relative = path.removeprefix("/")
    for route in _secret_routes():
        match = route.match(relative) or route.match(relative + "/")
        if match is None:
            continue
        spans = sorted(
            match.span(name)
            for name in SECRET_PARAMETERS & route.groupindex.keys()
            if match.span(name)[0] >= 0
        )
        for start, end in reversed(spans):
            end = min(end, len(relative))
            relative = relative[:start] + REDACTED + relative[end:]
        return "/" + relative
    return path


class AccessLogger(glogging.Logger):
    """gunicorn's logger, with every atom that could hold a secret or a name cleaned."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> Any:
        atoms = super().atoms(resp, req, environ, request_time)
        path = redact_path(environ.get("PATH_INFO", ""))
        method = environ.get("REQUEST_METHOD", "-")
        atoms["r"] = f"{method} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        atoms["U"] = path
        atoms["q"] = "-"
        atoms["f"] = "-"
        atoms["u"] = "-"
        # Request headers hold cookies, tokens and the referrer: keep only the browser's name.
        for name in [name for name in atoms if name.endswith("}i")]:
            if name != "{user-agent}i":
                del atoms[name]
        return atoms


class RedactPathsFilter(logging.Filter):
    """For Django's loggers ("Not Found: /consent/…"): redact paths among a record's args."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        return True


def _redacted(arg: object) -> object:
    if not (isinstance(arg, str) and arg.startswith("/")):
        return arg
    try:
        return redact_path(arg)
    except Exception:
        # A record logged while the URLconf itself fails to load: say less, never more.
        return REDACTED
