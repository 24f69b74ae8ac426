"""Who is calling the API, and asking the policy about them.

The API accepts API tokens (``Authorization: Bearer <secret>``), and the session cookie only
on operations a person does about themselves from their own device (``OwnSession``, ADR 0021):
staff two-factor sign-in is enforced on HTML pages, and only organisation admins who passed it
can make tokens. A token acts as the person who made it, with their roles in the token's own
organisation and nowhere else.

Every operation asks the policy through ``require`` (or ``organisation_for``), so the rule
for a refusal is the same everywhere:

1. no token, or a wrong or revoked one: 401;
2. the organisation in the address does not exist: 404 (organisations are public);
3. the token is for another organisation, or its person lacks the role: 403 — decided
   before anything inside the organisation is looked up, so a 403 never says whether a
   person or record exists;
4. the thing inside the organisation does not exist: 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from alongside.accounts import selectors, services
from alongside.accounts.actor import ANONYMOUS, Actor, actor_for_person
from alongside.accounts.models import ApiToken, Organisation
from alongside.core.errors import NotPermitted
from alongside.core.policy import Action

# Longer than any secret we make (``als_`` and 43 characters); no point hashing more.
MAX_SECRET_LENGTH = 200

OTHER_ORGANISATION = (
    "This API token belongs to another organisation, so it cannot be used here. "
    "Use a token made in this organisation."
)
NO_ROLE = "You do not have permission to do this in this organisation."
NO_CSRF = (
    "Send the CSRF token with a signed-in session, in the X-CSRFToken header, as the website's "
    "forms do."
)


class ApiTokenAuth(HttpBearer):
    """``Authorization: Bearer <secret>``, checked against the hashes of live API tokens."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        # Unlike ninja's own HttpBearer this never logs the header, even in debug mode:
        # it holds a secret.
        scheme, _, secret = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme:
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token or len(token) > MAX_SECRET_LENGTH:
            return None
        api_token = services.api_token_authenticate(secret=token)
        if api_token is None:
            return None
        request.api_token = api_token  # type: ignore[attr-defined]
        request.actor = actor_for_person(  # type: ignore[attr-defined]
            api_token.person, only_organisation_id=api_token.organisation_id
        )
        return api_token


class OwnSession(SessionAuth):
    """A person's own signed-in session, offered only on operations they do about themselves
    (their vote, their credits: ADR 0021), never on anything done to an organisation. A write
    needs the CSRF token too, as a form does. The CSRF check comes after the sign-in check, so
    a caller without a session is told to authenticate (401), not about CSRF."""

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> object | None:
        if not key or not request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD") and check_csrf(request) is not None:
            raise NotPermitted(NO_CSRF)
        return request.user


def caller_of(request: HttpRequest) -> Actor:
    """The token's person, or, on an ``OwnSession`` operation, the session's."""
    if getattr(request, "api_token", None) is not None:
        return actor_of(request)
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor


def actor_of(request: HttpRequest) -> Actor:
    """The token's actor, or the anonymous actor on public operations.

    ``request.actor`` from the session middleware is never used here: the API ignores the
    session cookie.
    """
    if getattr(request, "api_token", None) is None:
        return ANONYMOUS
    actor: Actor = request.actor  # type: ignore[attr-defined]
    return actor


def token_of(request: HttpRequest) -> ApiToken:
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is None:
        raise AuthenticationError()
    return token


def require(actor: Actor, action: Action, organisation: Organisation | None = None) -> None:
    """Refuse unless the policy allows ``actor`` to do ``action`` (in ``organisation``)."""
    if actor.can(action, organisation):
        return
    if not actor.is_authenticated:
        raise AuthenticationError()
    if (
        organisation is not None
        and actor.only_organisation_id is not None
        and organisation.pk != actor.only_organisation_id
    ):
        raise NotPermitted(OTHER_ORGANISATION)
    raise NotPermitted(NO_ROLE)


def organisation_for(request: HttpRequest, slug: str, action: Action) -> Organisation:
    """The organisation in the address, once the policy allows ``action`` in it."""
    organisation = selectors.organisation_get(slug=slug)
    require(actor_of(request), action, organisation)
    return organisation


def policy_extra(action: Action) -> dict[str, Any]:
    """OpenAPI extension naming the policy action an operation asks; the permission matrix
    test reads it."""
    return {"x-alongside-action": action.name, "x-alongside-scope": action.scope.value}
