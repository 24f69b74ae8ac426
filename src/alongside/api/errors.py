"""Every refusal the API gives is an RFC 9457 problem: ``application/problem+json`` with
``type``, ``title``, ``status`` and ``detail`` (and ``errors`` when input was not acceptable).

The ``ApplicationError`` tree from core is mapped here, once, as are the errors django-ninja
and Django raise themselves. ``detail`` is a full sentence in plain English; ``type`` is a
stable identifier to switch on (it is a URN, not a link to open).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent
from django.core.signals import got_request_exception
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from alongside.core.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    NotPermitted,
    RateLimited,
    ValidationFailed,
)

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:alongside:problem:"


class FieldProblem(Schema):
    """One thing wrong with the input: where it is, and what to do about it."""

    field: str
    detail: str


class Problem(Schema):
    """An RFC 9457 problem details object."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


@dataclass(frozen=True)
class Kind:
    slug: str
    title: str


BAD_REQUEST = Kind("bad-request", "There is a problem with the request")
NOT_AUTHENTICATED = Kind("not-authenticated", "An API token is needed")
NOT_PERMITTED = Kind("not-permitted", "You cannot do this")
NOT_FOUND = Kind("not-found", "Not found")
CONFLICT = Kind("conflict", "This clashes with something that changed or already exists")
VALIDATION_FAILED = Kind("validation-failed", "There is a problem with what you sent")
RATE_LIMITED = Kind("rate-limited", "Too many tries")
TOO_LARGE = Kind("too-large", "What you sent is too large")
SERVER_ERROR = Kind("server-error", "Something went wrong")

# Most specific first: the first class the error is an instance of decides its kind.
APPLICATION_KINDS: list[tuple[type[ApplicationError], Kind]] = [
    (ValidationFailed, VALIDATION_FAILED),
    (NotPermitted, NOT_PERMITTED),
    (NotFound, NOT_FOUND),
    (Conflict, CONFLICT),
    (RateLimited, RATE_LIMITED),
    (ApplicationError, BAD_REQUEST),
]

KINDS_BY_STATUS = {
    400: BAD_REQUEST,
    401: NOT_AUTHENTICATED,
    403: NOT_PERMITTED,
    404: NOT_FOUND,
    409: CONFLICT,
    413: TOO_LARGE,
    422: VALIDATION_FAILED,
    429: RATE_LIMITED,
    500: SERVER_ERROR,
}

NOT_AUTHENTICATED_DETAIL = (
    "Send a valid API token in the Authorization header, like 'Authorization: Bearer als_…'. "
    "The token may be wrong or may have been revoked."
)
NOT_FOUND_DETAIL = "We could not find what you asked for."
NOT_PERMITTED_DETAIL = "You do not have permission to do this."
TOO_LARGE_DETAIL = "The request body is too large. Send less at a time."


def problem_response(
    *,
    kind: Kind,
    status: int,
    detail: str,
    errors: Iterable[Mapping[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + kind.slug,
        "title": kind.title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = [dict(error) for error in errors]
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _kind_for_status(status: int) -> Kind:
    return KINDS_BY_STATUS.get(status, Kind(f"http-{status}", "There is a problem"))


# Handlers ---------------------------------------------------------------------------------


def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    kind = next(kind for cls, kind in APPLICATION_KINDS if isinstance(exc, cls))
    errors = [{"field": exc.field, "detail": exc.message}] if exc.field else None
    return problem_response(kind=kind, status=exc.status, detail=exc.message, errors=errors)


def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    # RFC 6750: say which scheme to use. Never echo what was sent: it may be a secret.
    return problem_response(
        kind=NOT_AUTHENTICATED,
        status=401,
        detail=NOT_AUTHENTICATED_DETAIL,
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


# Ninja's own messages, in plainer words.
HTTP_ERROR_DETAILS = {
    "Cannot parse request body": "The request body is not valid JSON.",
    "Too many requests.": "You have sent too many requests. Wait a minute, then try again.",
}


def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = HTTP_ERROR_DETAILS.get(str(exc)) or _sentence(exc)
    return problem_response(
        kind=_kind_for_status(exc.status_code), status=exc.status_code, detail=detail
    )


def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Django's own 404 messages can be technical ("No Person matches the given query").
    return problem_response(kind=NOT_FOUND, status=404, detail=NOT_FOUND_DETAIL)


def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or NOT_PERMITTED_DETAIL
    return problem_response(kind=NOT_PERMITTED, status=403, detail=detail)


def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [_field_problem(error) for error in exc.errors]
    detail = (
        "Check what you sent: 1 thing needs changing."
        if len(errors) == 1
        else f"Check what you sent: {len(errors)} things need changing."
    )
    return problem_response(kind=VALIDATION_FAILED, status=422, detail=detail, errors=errors)


def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields).
    return problem_response(kind=TOO_LARGE, status=413, detail=TOO_LARGE_DETAIL)


def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Tell Django (and error trackers, and the test client) as it would for a normal view.
    got_request_exception.send(sender=None, request=request)
    logger.exception("Unhandled error in API operation %s %s", request.method, request.path)
    return problem_response(
        kind=SERVER_ERROR,
        status=500,
        detail="Something went wrong on our side. Try again later.",
    )


HANDLERS: list[tuple[type[Exception], Callable[..., HttpResponse]]] = [
    (ApplicationError, application_error),
    (AuthenticationError, authentication_error),
    (HttpError, http_error),
    (ValidationError, validation_error),
    (Http404, not_found),
    (PermissionDenied, permission_denied),
    (RequestDataTooBig, too_large),
    (TooManyFieldsSent, too_large),
    (Exception, unexpected_error),
]


def register(api: NinjaAPI) -> None:
    """Map every error the API can meet to a problem response (the most specific class of an
    error decides which handler answers)."""
    for exc_class, handler in HANDLERS:
        api.add_exception_handler(exc_class, handler)


# Input errors in plain English --------------------------------------------------------------

# Where the value was: pydantic's location starts with ninja's source ("body", "query",
# "path"), then for a body the name of the view's argument, then the field path.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_path(error: Mapping[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] in SOURCES:
        source = loc.pop(0)
        if source == "body" and len(loc) > 1:
            loc.pop(0)  # the view's argument name, e.g. "payload"
    return ".".join(loc) or "body"


def _field_problem(error: Mapping[str, Any]) -> dict[str, str]:
    field = _field_path(error)
    return {"field": field, "detail": _plain_message(field, error)}


def _plain_message(field: str, error: Mapping[str, Any]) -> str:
    name = field.rsplit(".", 1)[-1].replace("_", " ")
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "missing":
        return f"Enter {name}."
    if kind in {"string_too_long", "too_long"}:
        return f"{name.capitalize()} must be {ctx.get('max_length')} characters or fewer."
    if kind in {"string_too_short", "too_short"}:
        return f"{name.capitalize()} must be at least {ctx.get('min_length')} characters."
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{name.capitalize()} must be a whole number."
    if kind == "greater_than_equal":
        return f"{name.capitalize()} must be {ctx.get('ge')} or more."
    if kind == "less_than_equal":
        return f"{name.capitalize()} must be {ctx.get('le')} or less."
    if kind == "literal_error":
        return f"{name.capitalize()} must be one of {ctx.get('expected')}."
    if kind in {"uuid_parsing", "uuid_type"}:
        return f"{name.capitalize()} must be an id like 123e4567-e89b-12d3-a456-426614174000."
    if kind in {"string_type", "bool_type", "bool_parsing"}:
        return f"{name.capitalize()} is the wrong type of value."
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    message = str(error.get("msg", "This value is not acceptable"))
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return message if message.endswith(".") else message + "."


def _sentence(exc: HttpError) -> str:
    message = str(exc).strip() or "The request could not be handled."
    return message if message.endswith(".") else message + "."
