"""Two changes to themes' counts at the same moment, on two PostgreSQL connections: the count
ends as a real count would say, whichever goes first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.roles import Role
from alongside.voice import selectors_answers, services
from alongside.voice.models import Contribution, Theme
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.voice import factories_answers as made
from tests.voice.factories import ContributionFactory, InitiativeFactory

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _world() -> tuple[Any, Any, Theme]:
    organisation = factories.OrganisationFactory()
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    return organisation, worker, made.theme(organisation)


def test_two_moderators_publishing_into_one_theme_at_once_count_both() -> None:
    # Given two waiting contributions in one theme
    organisation, worker, theme = _world()
    initiative = InitiativeFactory(organisation=organisation)
    waiting = [
        ContributionFactory(initiative=initiative, status=Contribution.Status.AWAITING_MODERATION)
        for _ in range(2)
    ]
    made.in_theme(theme, *waiting)

    def publish(contribution: Contribution) -> Callable[[], Contribution]:
        return lambda: services.contribution_publish(
            actor=worker, organisation=organisation, contribution=contribution
        )

    # When two moderators publish one each at the same moment
    first, second = run_concurrently(publish(waiting[0]), publish(waiting[1]))
    # Then the theme counts both
    assert first.ok, first.error
    assert second.ok, second.error
    theme.refresh_from_db()
    assert theme.published_count == 2
    assert selectors_answers.theme_count_mismatches() == []


@pytest.mark.parametrize("hide_first", [True, False])
def test_putting_one_in_a_theme_while_it_is_hidden_leaves_the_count_right(
    hide_first: bool,
) -> None:
    # Given a published contribution in no theme
    organisation, worker, theme = _world()
    published = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))

    def hide() -> Contribution:
        return services.contribution_hide(
            actor=worker,
            organisation=organisation,
            contribution=published,
            reason="It named a child",
        )

    def put_in() -> bool:
        return services.contribution_theme_add(
            actor=worker, organisation=organisation, contribution=published, theme=theme
        )

    # When one worker puts it in a theme as another hides it
    outcomes = run_concurrently(hide, put_in) if hide_first else run_concurrently(put_in, hide)
    # Then both happen, and the theme counts nothing published
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    theme.refresh_from_db()
    assert theme.published_count == 0
    assert selectors_answers.theme_count_mismatches() == []
