"""Headers every response carries: no page is kept in a shared computer's cache, no page may
use the camera or location, and flash messages stay on the server."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.config.edges import PERMISSIONS_POLICY
from tests import factories

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in [d.strip() for d in response.get("Cache-Control", "").split(",")]


def pages_with_personal_data_or_secrets(organisation, worker, admin, young_person):
    """(who, method, url, data) for each page the issue names."""
    slug = organisation.slug
    young = young_person.public_id
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=11, consent=False)
    offline = factories.offline_person(organisation)
    return [
        (worker, "get", reverse("accounts:person-list", args=[slug]), None),
        (worker, "get", reverse("accounts:person-detail", args=[slug, young]), None),
        (worker, "get", reverse("accounts:join-code-list", args=[slug]), None),
        (worker, "post", reverse("accounts:person-reset-code", args=[slug, young]), {}),
        (worker, "post", reverse("accounts:person-consent-link", args=[slug, child.public_id]), {}),
        (worker, "post", reverse("accounts:person-claim-code", args=[slug, offline.public_id]), {}),
        (young_person, "get", reverse("accounts:my-account"), None),
        (young_person, "get", reverse("accounts:my-data"), None),
        (admin, "get", reverse("accounts:api-token-list", args=[slug]), None),
        (admin, "post", reverse("accounts:api-token-create", args=[slug]), {"name": "Survey"}),
    ]  # fmt: skip


def test_pages_with_personal_data_or_one_time_secrets_are_not_stored(
    client_for, organisation, worker, admin, young_person
):
    for person, method, url, data in pages_with_personal_data_or_secrets(
        organisation, worker, admin, young_person
    ):
        response = getattr(client_for(person), method)(url, data)
        assert response.status_code == 200, url
        assert no_store(response), url


@pytest.mark.parametrize(
    "url", ["/", "/privacy/", "/account/login/", "/no-such-page/", "/healthz", "/api/v1/me"]
)
def test_every_page_is_not_stored_and_denies_devices(client, url):
    response = client.get(url)
    assert no_store(response)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_permissions_policy_denies_camera_microphone_location_and_payment():
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in PERMISSIONS_POLICY


def test_static_files_may_be_cached_and_carry_the_permissions_policy(client):
    response = client.get("/static/govuk/alongside.css")
    assert response.status_code == 200
    assert not no_store(response)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_flash_message_lives_in_the_session_not_a_cookie(organisation, admin):
    # Given an admin who has just revoked a join code (the page then says so)
    code = factories.JoinCodeFactory(organisation=organisation)
    client = Client()
    client.force_login(admin.user)
    response = client.post(
        reverse("accounts:join-code-revoke", args=[organisation.slug, code.pk]), {}
    )
    assert response.status_code == 302
    # Then no cookie carries the message, and the session holds it until it is shown
    assert "messages" not in response.cookies
    assert client.session.get("_messages")
    page = client.get(response.url)
    assert "_messages" not in client.session
    assert "messages" not in page.cookies


def test_a_staff_invitation_message_naming_someone_is_not_in_a_cookie(organisation, admin):
    client = Client()
    client.force_login(admin.user)
    response = client.post(
        reverse("accounts:staff-invite", args=[organisation.slug]),
        {"display_name": "Sam Patel", "email": "sam@example.org", "role": Role.WORKER},
    )
    assert response.status_code == 302
    assert all("Sam" not in morsel.value for morsel in response.cookies.values())
