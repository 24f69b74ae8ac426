"""Every refusal is an RFC 9457 problem, whichever layer raised it."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from ninja.errors import HttpError

from alongside.accounts import selectors
from alongside.api import errors
from alongside.core.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    NotPermitted,
    RateLimited,
    ValidationFailed,
)

REQUEST = RequestFactory().get("/api/v1/anything")


def _problem(response):
    assert response["Content-Type"] == "application/problem+json"
    return json.loads(response.content)


@pytest.mark.parametrize(
    ("error", "status", "kind"),
    [
        (ValidationFailed("Enter a name.", field="name"), 422, "validation-failed"),
        (NotPermitted("You cannot do this here."), 403, "not-permitted"),
        (NotFound("That is not here."), 404, "not-found"),
        (Conflict("That name is taken."), 409, "conflict"),
        (RateLimited("Wait a few minutes."), 429, "rate-limited"),
        (ApplicationError("That cannot be done."), 400, "bad-request"),
    ],
)
def test_each_application_error_maps_to_its_status_and_type(error, status, kind):
    # When a service raises an application error
    response = errors.application_error(REQUEST, error)
    # Then the problem carries its status, a stable type and the service's own sentence
    problem = _problem(response)
    assert response.status_code == status
    assert problem["status"] == status
    assert problem["type"] == f"urn:alongside:problem:{kind}"
    assert problem["title"]
    assert problem["detail"] == error.message
    # And an error about one field names it
    if error.field:
        assert problem["errors"] == [{"field": error.field, "detail": error.message}]
    else:
        assert "errors" not in problem


def test_djangos_404_and_403_become_problems_without_technical_words():
    not_found = _problem(errors.not_found(REQUEST, Http404("No Person matches the given query.")))
    assert not_found["status"] == 404
    assert "Person matches" not in not_found["detail"]
    denied = _problem(errors.permission_denied(REQUEST, PermissionDenied()))
    assert denied["status"] == 403
    assert denied["detail"] == "You do not have permission to do this."


def test_ninjas_http_errors_become_problems():
    problem = _problem(errors.http_error(REQUEST, HttpError(429, "Too many requests.")))
    assert problem["status"] == 429
    assert problem["type"] == "urn:alongside:problem:rate-limited"
    assert problem["detail"].endswith(".")


@pytest.mark.django_db
def test_an_unexpected_error_is_a_500_problem(monkeypatch, organisation):
    # Given a bug somewhere below the API
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(selectors, "organisations_public", broken)
    # When the operation runs
    response = Client(raise_request_exception=False).get("/api/v1/organisations")
    # Then the caller gets a plain problem, without the internals
    problem = _problem(response)
    assert response.status_code == 500
    assert problem["type"] == "urn:alongside:problem:server-error"
    assert "secret internals" not in response.content.decode()


@pytest.mark.django_db
def test_validation_problems_list_every_field_in_plain_english(call, admin_token):
    # When several things are wrong with a request at once
    response = call(
        "post",
        "/api/v1/organisations/riverside/people",
        admin_token,
        json={"display_name": "x" * 61, "kind": "teacher", "birth_month": "March"},
    )
    # Then one problem lists them all, by field, in sentences
    problem = _problem(response)
    assert problem["status"] == 422
    assert problem["detail"] == "Check what you sent: 3 things need changing."
    assert problem["errors"] == [
        {"field": "display_name", "detail": "Display name must be 60 characters or fewer."},
        {
            "field": "kind",
            "detail": "Kind must be one of 'young_person' or 'parent_carer'.",
        },
        {"field": "birth_month", "detail": "Birth month must be a whole number."},
    ]
