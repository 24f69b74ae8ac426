"""The OpenAPI schema: valid, complete, and in step with the models."""

from __future__ import annotations

import json
import re
import typing

import pytest

from alongside.accounts import api as accounts_api
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.config.api import api

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def _resolve(schema: dict, ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node = schema
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


@pytest.mark.django_db
def test_openapi_json_is_served_and_is_openapi_3(client):
    # When a tool fetches the schema
    response = client.get("/api/v1/openapi.json")
    # Then it is JSON, OpenAPI 3, with paths under /api/v1/ and every reference resolvable
    assert response.status_code == 200
    schema = response.json()
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"] == "Alongside API"
    assert schema["info"]["version"] == "1"
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    for ref in _refs(schema):
        assert _resolve(schema, ref) is not None


def test_every_operation_is_named_and_describes_its_responses():
    # Through JSON, as a client sees it (in Python the status codes are ints).
    schema = json.loads(json.dumps(api.get_openapi_schema()))
    operation_ids = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            assert method in METHODS
            # <Entity><Action>, as the architecture names operations
            assert re.fullmatch(r"[A-Z][a-z]+[A-Z][a-z]+", operation["operationId"]), path
            operation_ids.append(operation["operationId"])
            assert operation.get("summary"), path
            assert operation.get("x-alongside-action"), path
            for status, response in operation["responses"].items():
                content_types = set(response.get("content", {}))
                if status.startswith(("4", "5")):
                    assert content_types == {"application/problem+json"}, (path, status)
                elif path.endswith(".pb"):  # a Pabulib file to download
                    assert content_types == {"text/plain"}, (path, status)
                else:
                    assert content_types <= {"application/json"}, (path, status)
            if operation.get("security"):
                assert "401" in operation["responses"], path
    assert len(operation_ids) == len(set(operation_ids))


# Operations a person does about themselves from their own device, which also take their
# signed-in session (with its CSRF token): ADR 0021.
OWN_SESSION_OPERATIONS = {
    "BallotCast",
    "CreditsMine",
    "CreditHistory",
    "RewardList",
    "RewardTake",
    "VoucherList",
}


def test_bearer_tokens_are_the_security_scheme_and_a_session_only_for_your_own_vote():
    schema = api.get_openapi_schema()
    schemes = schema["components"]["securitySchemes"]
    assert schemes == {
        "ApiTokenAuth": {"type": "http", "scheme": "bearer"},
        "OwnSession": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
    }
    for item in schema["paths"].values():
        for operation in item.values():
            used = {name for option in operation.get("security", []) for name in option}
            if "OwnSession" in used:
                assert operation["operationId"] in OWN_SESSION_OPERATIONS, operation["operationId"]


def test_no_output_schema_holds_birth_dates_or_emails():
    schema = api.get_openapi_schema()
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("In"):
            continue
        for field in component.get("properties", {}):
            assert "birth" not in field, (name, field)
            assert "email" not in field, (name, field)


@pytest.mark.parametrize(
    ("literal", "choices"),
    [
        (accounts_api.OrganisationKind, Organisation.Kind.values),
        (accounts_api.PersonKind, Person.Kind.values),
        (accounts_api.RoleName, Role.values),
    ],
)
def test_the_schemas_choices_match_the_models(literal, choices):
    # A new kind or role must be added to the API's schema too, or answers would fail.
    assert set(typing.get_args(literal)) == set(choices)
