"""GET /api/v1/organisations/{slug}/contributions: staff only, words only where they may leave
the product, names only where the author let staff see them, and constant queries."""

from __future__ import annotations

from typing import get_args

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.roles import Role
from alongside.voice.api_contributions import (
    ContributionChannel,
    ContributionKind,
    ContributionStatus,
)
from alongside.voice.models import Contribution
from tests.api.conftest import admin_token, call, token_for  # noqa: F401 - fixtures
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db

Status = Contribution.Status


def url(organisation) -> str:
    return f"/api/v1/organisations/{organisation.slug}/contributions"


def test_the_choices_in_the_schema_match_the_model():
    assert set(get_args(ContributionKind)) == set(Contribution.Kind.values)
    assert set(get_args(ContributionChannel)) == set(Contribution.Channel.values)
    assert set(get_args(ContributionStatus)) == set(Contribution.Status.values)


def test_words_and_names_leave_only_where_they_may(
    call,  # noqa: F811
    admin_token,  # noqa: F811
    organisation,
    other_organisation,
    person_with_role,
):
    # Given a named published idea, an anonymous one, a held and a hidden one, and one elsewhere
    author = person_with_role(Role.YOUNG_PERSON, display_name="Rivvy")
    named = made.contribution(organisation, author=author, text="Lights in the park")
    anonymous = made.contribution(
        organisation, author=author, anonymity=Contribution.Anonymity.NOBODY, text="More buses"
    )
    held = made.contribution(organisation, author=author, status=Status.HELD, text="Call 07700")
    hidden = made.contribution(organisation, author=author, status=Status.HIDDEN, text="Unkind")
    made.contribution(other_organisation, text="Somewhere else")
    # When an admin's token lists them
    body = call("get", url(organisation), admin_token).json()
    rows = {row["id"]: row for row in body["items"]}
    # Then ours are there, with words and names only where allowed
    assert body["count"] == 4
    assert (rows[str(named.public_id)]["text"], rows[str(named.public_id)]["author"]) == (
        "Lights in the park",
        "Rivvy",
    )
    assert rows[str(anonymous.public_id)]["author"] is None
    assert rows[str(anonymous.public_id)]["text"] == "More buses"
    assert rows[str(held.public_id)]["text"] is None
    assert rows[str(hidden.public_id)]["text"] is None
    assert "Somewhere else" not in str(body)
    # And a filter by status narrows it
    only_held = call("get", url(organisation) + "?status=held", admin_token).json()
    assert [row["id"] for row in only_held["items"]] == [str(held.public_id)]


def test_listing_contributions_takes_the_same_queries_for_5_or_50(
    call,  # noqa: F811
    admin_token,  # noqa: F811
    organisation,
):
    def add(count: int) -> None:
        for _ in range(count):
            made.contribution(organisation)

    add(5)
    with CaptureQueriesContext(connection) as few:
        assert call("get", url(organisation), admin_token).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        body = call("get", url(organisation), admin_token).json()
    assert len(body["items"]) == 50
    assert len(many) == len(few)
