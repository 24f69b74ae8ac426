"""One error hierarchy for the whole product.

Services raise these; the HTML layer turns them into a GOV.UK error summary and the API turns
them into problem+json. Messages are full sentences a young person can act on.
"""

from __future__ import annotations


class ApplicationError(Exception):
    """Something the user asked for cannot be done; ``message`` says why in plain English."""

    status = 400
    title = "There is a problem"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(ApplicationError):
    """The input was understood but is not acceptable."""

    status = 422


class NotPermitted(ApplicationError):
    """The actor may not do this here."""

    status = 403
    title = "You cannot do this"


class NotFound(ApplicationError):
    status = 404
    title = "Page not found"


class Conflict(ApplicationError):
    """The thing changed or was used up meanwhile (a join code used up, a duplicate name)."""

    status = 409


class RateLimited(ApplicationError):
    status = 429
    title = "Too many tries"
