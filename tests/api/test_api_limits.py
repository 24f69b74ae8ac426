"""The API's edges: page numbers, NUL characters, text lengths and body size are answered with
a problem, never a 500."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from alongside.accounts.api import OfflinePersonIn, PeopleFilters
from alongside.accounts.models import Person
from alongside.api.errors import PROBLEM_CONTENT_TYPE
from alongside.core.limits import column_length
from tests.api.support import rows_snapshot

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/organisations/riverside/people"


def test_the_schemas_take_their_lengths_from_the_columns():
    def max_length(schema, name):
        return next(
            m.max_length for m in schema.model_fields[name].metadata if hasattr(m, "max_length")
        )

    assert max_length(OfflinePersonIn, "display_name") == column_length(Person, "display_name")
    assert max_length(OfflinePersonIn, "contact_email") == column_length(Person, "contact_email")
    assert max_length(PeopleFilters, "q") == column_length(Person, "display_name")


@pytest.mark.parametrize("page", ["1", "2", "1000000"])
def test_a_page_past_the_end_is_an_empty_page(call, admin_token, page):
    response = call("get", f"{PEOPLE}?page={page}", admin_token)
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("page", [str(10**20), "-1", "0", "abc", "9" * 5000])
def test_an_impossible_page_number_is_a_problem_not_a_500(call, admin_token, page):
    response = call("get", f"{PEOPLE}?page={page}", admin_token)
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["errors"][0]["field"] == "page"


def test_a_nul_in_a_search_is_a_problem(call, admin_token):
    response = call("get", f"{PEOPLE}?q=a%00b", admin_token)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_a_nul_in_the_path_is_a_problem(call, admin_token):
    response = call("get", "/api/v1/organisations/river%00side", admin_token)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE


def test_a_nul_in_a_body_is_refused_on_its_field(call, admin_token):
    before = rows_snapshot()
    response = call(
        "post", PEOPLE, admin_token, json={"display_name": "Pa\x00t", "kind": "parent_carer"}
    )
    assert rows_snapshot() == before
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "display_name",
            "detail": "Text must not contain the NUL character (\\u0000).",
        }
    ]


def test_an_email_longer_than_its_column_is_refused(call, admin_token):
    email = "a" * 250 + "@example.org"
    response = call(
        "post",
        PEOPLE,
        admin_token,
        json={"display_name": "Pat", "kind": "parent_carer", "contact_email": email},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "contact_email",
        "detail": "Contact email must be 254 characters or fewer.",
    }


def test_a_body_over_the_upload_limit_is_a_413_problem(call, admin_token):
    body = json.dumps(
        {"display_name": "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE, "kind": "parent_carer"}
    )
    before = rows_snapshot()
    response = call("post", PEOPLE, admin_token, data=body, content_type="application/json")
    assert rows_snapshot() == before
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert response.json()["type"] == "urn:alongside:problem:too-large"
