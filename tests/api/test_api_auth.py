"""Signing API requests with a token: what is accepted, what is refused, what is never logged."""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

from alongside.accounts import selectors, services
from alongside.accounts.actor import actor_for_person

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def test_no_token_is_refused_with_401_and_the_bearer_challenge(call):
    # When someone calls a token-only operation without a token
    response = call("get", ME)
    # Then they are told a token is needed, as a problem, with the scheme to use
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    problem = response.json()
    assert problem["status"] == 401
    assert problem["type"] == "urn:alongside:problem:not-authenticated"
    assert "Authorization: Bearer" in problem["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer als_not-a-real-token",
        "Bearer ",
        "Bearer " + "x" * 500,
        "Token als_not-a-real-token",
        "Basic dXNlcjpwYXNz",
        "als_no-scheme",
    ],
)
def test_a_wrong_token_or_scheme_is_refused_with_401(call, admin_token, header):
    # Given a real token exists
    # When a request carries a wrong token, or the right kind of secret in the wrong scheme
    response = call("get", ME, headers={"Authorization": header})
    # Then it is refused as unauthenticated
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_right_token_in_another_scheme_is_refused(call, admin_token):
    # When the real secret is sent with a scheme other than Bearer
    response = call("get", ME, headers={"Authorization": f"Token {admin_token}"})
    # Then it is refused
    assert response.status_code == 401


def test_the_bearer_scheme_name_is_not_case_sensitive(call, admin_token):
    # When the scheme is written in lower case
    response = call("get", ME, headers={"Authorization": f"bearer {admin_token}"})
    # Then the token is accepted
    assert response.status_code == 200


def test_a_revoked_token_stops_working_at_once(call, admin, organisation, admin_token):
    # Given a token that worked
    assert call("get", ME, admin_token).status_code == 200
    token = selectors.api_tokens_for_organisation(organisation=organisation).get()
    # When the admin revokes it
    services.api_token_revoke(actor=actor_for_person(admin), organisation=organisation, token=token)
    # Then the next request with it is refused
    assert call("get", ME, admin_token).status_code == 401


def test_using_a_token_records_when_it_was_last_used(call, organisation, admin_token):
    # Given a token never used
    token = selectors.api_tokens_for_organisation(organisation=organisation).get()
    assert token.last_used_at is None
    # When it is used
    call("get", ME, admin_token)
    # Then the admin can see when it was last used
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_signed_in_session_is_not_enough(client_for, admin, call):
    # Given a staff member signed in to the website (past two-factor)
    client = client_for(admin)
    # When their browser calls the API with the session cookie but no token
    response = call("get", ME, client=client)
    # Then the API refuses: it takes tokens only
    assert response.status_code == 401


def test_a_session_does_not_widen_what_a_token_may_see(
    client_for, admin_of_both, other_organisation, token_for, call
):
    # Given a person who is admin in both organisations, signed in, with a token for the other
    secret = token_for(admin_of_both, other_organisation)
    # When they call this organisation's people with that token, from the signed-in browser
    response = call(
        "get", "/api/v1/organisations/riverside/people", secret, client=client_for(admin_of_both)
    )
    # Then the token's own organisation is all it can reach
    assert response.status_code == 403


@override_settings(DEBUG=True)
@pytest.mark.parametrize("scheme", ["Bearer", "Token", "Basic"])
def test_secrets_are_never_logged(call, admin_token, caplog, scheme):
    # Given debug mode, where ninja's own bearer class logs unexpected headers
    caplog.set_level(logging.DEBUG)
    # When requests carry a secret, right or wrong, in any scheme
    call("get", ME, headers={"Authorization": f"{scheme} {admin_token}"})
    call("get", ME, headers={"Authorization": f"{scheme} als_wrong-secret-123"})
    call("get", ME)
    # Then no log line holds either secret
    assert admin_token not in caplog.text
    assert "als_wrong-secret-123" not in caplog.text


def test_no_swagger_page_is_served(call):
    # Swagger UI would load scripts from a CDN, which the content security policy forbids.
    response = Client().get("/api/v1/docs")
    assert response.status_code == 404


def test_token_calls_need_no_csrf_token(call, admin_token):
    # Given a client that enforces CSRF checks, as a browser would meet them
    client = Client(enforce_csrf_checks=True)
    # When an integration posts with its token and no CSRF cookie (no session is used)
    response = call(
        "post",
        "/api/v1/organisations/riverside/people",
        admin_token,
        json={"display_name": "Kim", "kind": "parent_carer"},
        client=client,
    )
    # Then the request goes through
    assert response.status_code == 201
