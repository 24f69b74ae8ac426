"""GET /api/v1/organisations/{slug}/answers: what it answers, its pages and its queries."""

from __future__ import annotations

from typing import get_args

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.voice.api_answers import AnswerStatus
from alongside.voice.models import Answer
from tests.api.conftest import admin_token, call, token_for  # noqa: F401 - fixtures
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return f"/api/v1/organisations/{organisation.slug}/answers"


def test_the_statuses_in_the_schema_match_the_model():
    assert set(get_args(AnswerStatus)) == set(Answer.Status.values)


def test_answers_are_listed_newest_first_with_what_they_answer(
    call,  # noqa: F811
    admin_token,  # noqa: F811
    organisation,
    other_organisation,
):
    # Given an answer to a contribution, a newer one to a theme, and one elsewhere
    item = made.contribution(organisation)
    theme = made.theme(organisation)
    first = made.answer(organisation, contribution=item)
    newest = made.answer(
        organisation,
        theme=theme,
        status=Answer.Status.PASSED_ON,
        passed_to="Riverside Buses",
        text="For the bus company.",
    )
    made.answer(other_organisation, contribution=made.contribution(other_organisation))
    # When an admin's token lists them
    body = call("get", url(organisation), admin_token).json()
    # Then both of ours are there, the newest first
    assert body["count"] == 2
    assert [row["id"] for row in body["items"]] == [str(newest.public_id), str(first.public_id)]
    assert body["items"][0] | {"answered_at": None} == {
        "id": str(newest.public_id),
        "status": "passed_on",
        "text": "For the bus company.",
        "passed_to": "Riverside Buses",
        "answered_at": None,
        "contribution": None,
        "theme": str(theme.public_id),
    }
    assert body["items"][1]["contribution"] == str(item.public_id)


def test_listing_answers_takes_the_same_queries_for_5_or_50(
    call,  # noqa: F811
    admin_token,  # noqa: F811
    organisation,
):
    def add(count: int) -> None:
        for _ in range(count):
            made.answer(organisation, contribution=made.contribution(organisation))

    add(5)
    with CaptureQueriesContext(connection) as few:
        assert call("get", url(organisation), admin_token).status_code == 200
    add(45)
    with CaptureQueriesContext(connection) as many:
        body = call("get", url(organisation), admin_token).json()
    assert len(body["items"]) == 50
    assert len(many) == len(few)
