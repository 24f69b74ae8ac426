import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_for_anonymous_visitor(client):
    # When someone who is not signed in opens the home page
    response = client.get("/")
    # Then they are invited to join with a code or sign in
    assert response.status_code == 200
    assert b"Join with a code" in response.content


def test_healthz_reports_database_and_migrations(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
