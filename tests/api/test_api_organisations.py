"""The public list of organisations, and one organisation."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_anyone_can_list_organisations_with_only_public_fields(call, organisation):
    # Given an organisation
    # When anyone lists organisations, without a token
    response = call("get", "/api/v1/organisations")
    # Then they see its slug, name, kind and area, and nothing else
    assert response.status_code == 200
    assert response.json() == {
        "items": [
            {
                "slug": "riverside",
                "name": "Riverside Youth Service",
                "kind": "youth_organisation",
                "area": "Riverside",
            }
        ],
        "count": 1,
    }


def test_organisations_come_50_to_a_page(call, db):
    # Given 55 organisations
    factories.OrganisationFactory.create_batch(55)
    # When the first and second pages are fetched
    first = call("get", "/api/v1/organisations").json()
    second = call("get", "/api/v1/organisations?page=2").json()
    # Then there are 50 on the first, 5 on the second, none twice
    assert first["count"] == second["count"] == 55
    assert len(first["items"]) == 50
    assert len(second["items"]) == 5
    slugs = [o["slug"] for o in first["items"] + second["items"]]
    assert len(set(slugs)) == 55


def test_page_size_can_be_chosen_up_to_100(call, db):
    # Given 120 organisations
    factories.OrganisationFactory.create_batch(120)
    # When a client asks for 10, then for 1000, to a page
    small = call("get", "/api/v1/organisations?page_size=10").json()
    large = call("get", "/api/v1/organisations?page_size=1000").json()
    # Then it gets 10, then no more than 100
    assert len(small["items"]) == 10
    assert len(large["items"]) == 100


def test_a_page_number_below_1_is_a_validation_problem(call, db):
    response = call("get", "/api/v1/organisations?page=0")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "page", "detail": "Page must be 1 or more."}]


def test_a_token_is_not_needed_but_does_no_harm(call, admin_token):
    # When a client sends its token (or a wrong one) to a public operation
    # Then the answer is the same
    assert call("get", "/api/v1/organisations", admin_token).status_code == 200
    assert call("get", "/api/v1/organisations", "als_wrong").status_code == 200


def test_anyone_can_get_one_organisation(call, organisation):
    response = call("get", "/api/v1/organisations/riverside")
    assert response.status_code == 200
    assert response.json() == {
        "slug": "riverside",
        "name": "Riverside Youth Service",
        "kind": "youth_organisation",
        "area": "Riverside",
    }


def test_an_unknown_organisation_is_a_404_problem(call, db):
    response = call("get", "/api/v1/organisations/nowhere")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "urn:alongside:problem:not-found",
        "title": "Not found",
        "status": 404,
        "detail": "There is no organisation at this address.",
    }
