"""The page "Where you are signed in" shows when each browser was last used, written every few
minutes."""

from __future__ import annotations

from unittest import mock

import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.middleware import SessionActivityMiddleware
from alongside.accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

NOW = 1_800_000_000.0


def signed_in(client, organisation):
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    assert person.user is not None
    client.force_login(person.user)
    return person


def visit(client, seconds: float, **headers: str) -> int:
    with (
        mock.patch("alongside.accounts.middleware.time.time", return_value=seconds),
        CaptureQueriesContext(connection) as captured,
    ):
        assert client.get(reverse("accounts:my-account"), **headers).status_code == 200
    return sum('"usersessions_usersession"' in q["sql"] for q in captured.captured_queries)


def last_seen(person):
    return UserSession.objects.get(user=person.user).last_seen_at


def test_the_first_visit_records_the_browser_and_the_next_ones_write_nothing(client, organisation):
    person = signed_in(client, organisation)
    assert visit(client, NOW) > 0
    first = last_seen(person)
    # Within the interval, the record is not read or written again
    assert visit(client, NOW + 60) == 0
    assert visit(client, NOW + SessionActivityMiddleware.EVERY_SECONDS - 1) == 0
    assert last_seen(person) == first


def test_a_visit_after_the_interval_moves_last_used_on(client, organisation):
    person = signed_in(client, organisation)
    visit(client, NOW)
    first = last_seen(person)
    assert visit(client, NOW + SessionActivityMiddleware.EVERY_SECONDS) > 0
    assert last_seen(person) > first


def test_a_different_browser_on_the_same_session_is_recorded_at_once(client, organisation):
    person = signed_in(client, organisation)
    visit(client, NOW, HTTP_USER_AGENT="Phone browser")
    assert visit(client, NOW + 10, HTTP_USER_AGENT="Laptop browser") > 0
    assert UserSession.objects.get(user=person.user).user_agent == "Laptop browser"


def test_the_session_keeps_a_digest_not_the_address(client, organisation):
    signed_in(client, organisation)
    visit(client, NOW, REMOTE_ADDR="203.0.113.9")
    stored = str(client.session[SessionActivityMiddleware.SESSION_KEY])
    assert "203.0.113.9" not in stored


def test_nobody_signed_in_writes_no_record(client):
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("home:privacy"))
    assert not any("usersessions" in q["sql"] for q in captured.captured_queries)
    assert not UserSession.objects.exists()
