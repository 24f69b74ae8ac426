"""Branches of the accounts pages that only the browser journeys reached before (docs/testing.md):
the first showing of the birth and email steps, a birth date in the future, and an audit event
with no one signed in. The journeys run on PostgreSQL only; these run on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.views.joining import JOIN_SESSION_KEY
from alongside.core.audit import audit_record
from tests import factories
from tests.accounts.support import PASSPHRASE

pytestmark = pytest.mark.django_db


def _up_to_birth(client, organisation) -> None:
    join_code = factories.JoinCodeFactory(organisation=organisation)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})
    client.post(reverse("accounts:join-username"), {"username": "step.fox"})
    client.post(reverse("accounts:join-passphrase"), {"passphrase": PASSPHRASE})


def test_the_birth_and_email_steps_show_their_question_first(client, organisation):
    # Given someone who has chosen a username and a passphrase
    _up_to_birth(client, organisation)
    # When they open the birth step
    response = client.get(reverse("accounts:join-birth"))
    # Then it asks when they were born, with a way back
    assert response.status_code == 200
    content = response.content.decode()
    assert "When were you born?" in content
    assert reverse("accounts:join-passphrase") in content
    # And, once they are 15, the email step asks for an optional address
    client.post(reverse("accounts:join-birth"), factories.birth_for_age(15))
    response = client.get(reverse("accounts:join-email"))
    assert response.status_code == 200
    assert "Email address (optional)" in response.content.decode()


def test_a_birth_month_still_to_come_this_year_is_refused_on_its_field(
    client, organisation, monkeypatch
):
    # Given someone at the birth step in June
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2026, 6, 15))
    _up_to_birth(client, organisation)
    # When they give a month later this year (the year alone is allowed)
    response = client.post(
        reverse("accounts:join-birth"), {"birth_month": "9", "birth_year": "2026"}
    )
    # Then the page is shown again with the reason, and nothing is kept
    assert response.status_code == 200
    assert "Month and year of birth must be in the past" in response.content.decode()
    assert "birth_year" not in client.session[JOIN_SESSION_KEY]


def test_the_audit_trail_says_when_no_one_was_signed_in(client_for, organisation, admin):
    # Given an event written with no one signed in (a parent agreeing through a link)
    audit_record(
        action="accounts.consent.give",
        summary="Recorded consent",
        organisation_id=organisation.pk,
    )
    # When the admin reads the trail
    response = client_for(admin).get(reverse("accounts:audit-list", args=[organisation.slug]))
    # Then the event says no one was signed in
    assert response.status_code == 200
    assert "No one signed in" in response.content.decode()
