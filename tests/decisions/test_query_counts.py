"""The board, its JSON, a decision and "What happened to what I said" run the same number of
queries with 10 contributions as with 100 (and so, the benchmark shows, with 1,000,000)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.decisions.models import Citation
from alongside.initiatives.models import Initiative
from alongside.voice.models import Answer
from tests import factories
from tests.decisions.factories import (
    AnswerFactory,
    ContributionFactory,
    DecisionFactory,
    InitiativeFactory,
    ThemeFactory,
    in_theme,
)

pytestmark = pytest.mark.django_db


def grow(organisation: Organisation, initiative: Initiative, author: Person, count: int) -> None:
    """``count`` contributions by ``author`` (a mix of statuses), a theme for every five, an
    answer to each published one and to each theme, and a decision for every five citing two
    contributions and the theme."""
    for start in range(0, count, 5):
        theme = ThemeFactory(organisation=organisation, initiative=initiative)
        batch = [
            ContributionFactory(initiative=initiative, author=author),
            ContributionFactory(initiative=initiative, author=author),
            ContributionFactory(initiative=initiative, author=author, waiting=True),
            ContributionFactory(initiative=initiative, author=author, hidden=True),
            ContributionFactory(initiative=initiative, author=author, held=True),
        ][: count - start]
        in_theme(theme, *batch)
        AnswerFactory(theme=theme, status=Answer.Status.CHANGED)
        for contribution in batch[:2]:
            AnswerFactory(contribution=contribution)
        decision = DecisionFactory(organisation=organisation, initiative=initiative)
        Citation.objects.create(decision=decision, theme=theme)
        for contribution in batch[:3]:
            Citation.objects.create(decision=decision, contribution=contribution)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def _compare(
    assert_num_queries: Callable[..., Any],
    client: Client,
    url: Callable[[], str],
    grow_by: Callable[[int], None],
) -> None:
    # Given 10 contributions, and a first visit (so the session exists like a real visitor's)
    grow_by(10)
    client.get(url())
    ten = queries(client, url())
    # When there are 100
    grow_by(90)
    # Then the page takes exactly as many queries
    with assert_num_queries(ten):
        assert client.get(url()).status_code == 200


@pytest.fixture
def world():
    organisation = factories.OrganisationFactory(slug="riverside")
    initiative = InitiativeFactory(organisation=organisation)
    author = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    return organisation, initiative, author


@pytest.mark.parametrize("which", ["board", "initiative-board", "api-board", "api-decisions"])
def test_the_public_board_takes_the_same_queries_for_10_or_100_contributions(
    world, which, django_assert_num_queries
):
    organisation, initiative, author = world
    urls = {
        "board": lambda: reverse("decisions:board", args=[organisation.slug]),
        "initiative-board": lambda: reverse(
            "decisions:initiative-board", args=[initiative.public_id]
        ),
        "api-board": lambda: f"/api/v1/organisations/{organisation.slug}/you-said-we-did",
        "api-decisions": lambda: f"/api/v1/organisations/{organisation.slug}/decisions",
    }
    _compare(
        django_assert_num_queries,
        Client(),
        urls[which],
        lambda n: grow(organisation, initiative, author, n),
    )


def test_what_happened_takes_the_same_queries_for_10_or_100_contributions(
    world, django_assert_num_queries
):
    organisation, initiative, author = world
    client = Client()
    assert author.user is not None
    client.force_login(author.user)
    _compare(
        django_assert_num_queries,
        client,
        lambda: reverse("decisions:what-happened"),
        lambda n: grow(organisation, initiative, author, n),
    )


def test_a_decision_page_takes_the_same_queries_however_much_it_cites(
    world, django_assert_num_queries
):
    organisation, initiative, author = world
    decision = DecisionFactory(organisation=organisation)

    def cite_more(n: int) -> None:
        theme = ThemeFactory(organisation=organisation)
        Citation.objects.create(decision=decision, theme=theme)
        for _ in range(n):
            contribution = ContributionFactory(initiative=initiative, author=author)
            in_theme(theme, contribution)
            Citation.objects.create(decision=decision, contribution=contribution)

    _compare(
        django_assert_num_queries,
        Client(),
        lambda: reverse("decisions:decision-detail", args=[decision.public_id]),
        cite_more,
    )


def test_the_staff_decision_list_takes_the_same_queries_for_10_or_100(
    world, django_assert_num_queries
):
    organisation, initiative, author = world
    worker = factories.person_with_role(Role.WORKER, organisation)
    client = Client()
    assert worker.user is not None
    client.force_login(worker.user)
    _compare(
        django_assert_num_queries,
        client,
        lambda: reverse("decisions:decision-list", args=[organisation.slug]),
        lambda n: grow(organisation, initiative, author, n),
    )


@pytest.mark.parametrize("show", ["", "?show=themes"])
def test_adding_to_what_a_decision_used_takes_the_same_queries_for_10_or_100(
    world, show, django_assert_num_queries
):
    organisation, initiative, author = world
    worker = factories.person_with_role(Role.WORKER, organisation)
    decision = DecisionFactory(organisation=organisation, initiative=initiative)
    client = Client()
    assert worker.user is not None
    client.force_login(worker.user)

    def grow_and_cite(n: int) -> None:
        grow(organisation, initiative, author, n)
        for citation in Citation.objects.exclude(decision=decision)[: n // 2]:
            Citation.objects.get_or_create(
                decision=decision, contribution=citation.contribution, theme=citation.theme
            )

    _compare(
        django_assert_num_queries,
        client,
        lambda: (
            reverse("decisions:decision-cite-add", args=[organisation.slug, decision.public_id])
            + show
        ),
        grow_and_cite,
    )
