"""Themes: making, renaming and describing them, and putting contributions in and out."""

from __future__ import annotations

import pytest

from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.voice import selectors_answers as selectors
from alongside.voice import services
from alongside.voice.models import ContributionTheme, Theme
from tests import factories
from tests.accounts.support import assert_trail_intact
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def test_a_worker_makes_a_theme_and_it_is_audited(organisation, worker):
    # When a worker makes a theme
    theme = services.theme_create(
        actor=factories.actor(worker),
        organisation=organisation,
        name="  Places   to go ",
        description="Where to go after school",
    )
    # Then it is saved with a tidy name, and the trail says so
    assert theme.name == "Places to go"
    assert AuditEvent.objects.filter(action="voice.theme.create", object_id=str(theme.pk)).exists()
    assert_trail_intact()


def test_a_name_already_taken_is_refused_with_a_clear_message(organisation, worker):
    # Given a theme called "Places to go"
    actor = factories.actor(worker)
    services.theme_create(actor=actor, organisation=organisation, name="Places to go")
    # When another is made with the same name, in any case
    with pytest.raises(Conflict) as refused:
        services.theme_create(actor=actor, organisation=organisation, name="places TO go")
    # Then it is refused on the name, in plain words, and there is still one
    assert refused.value.field == "name"
    assert "There is already a theme called" in refused.value.message
    assert Theme.objects.count() == 1


def test_the_same_name_is_fine_in_another_initiative_or_organisation(
    organisation, other_organisation, worker, person_with_role
):
    actor = factories.actor(worker)
    services.theme_create(actor=actor, organisation=organisation, name="Feeling safe")
    parks = made.initiative(organisation)
    services.theme_create(
        actor=actor, organisation=organisation, name="Feeling safe", initiative=parks
    )
    elsewhere = factories.actor(person_with_role(Role.WORKER, other_organisation))
    services.theme_create(actor=elsewhere, organisation=other_organisation, name="Feeling safe")
    assert Theme.objects.count() == 3


def test_an_initiative_of_another_organisation_is_refused(organisation, other_organisation, worker):
    with pytest.raises(NotFound):
        services.theme_create(
            actor=factories.actor(worker),
            organisation=organisation,
            name="Feeling safe",
            initiative=made.initiative(other_organisation),
        )
    assert not Theme.objects.exists()


def test_a_young_person_cannot_make_a_theme_and_nothing_is_saved(
    organisation, young_person, unchanged
):
    with unchanged(), pytest.raises(NotPermitted):
        services.theme_create(
            actor=factories.actor(young_person), organisation=organisation, name="Mine"
        )


def test_an_empty_name_is_refused(organisation, worker):
    with pytest.raises(ValidationFailed) as refused:
        services.theme_create(actor=factories.actor(worker), organisation=organisation, name="  ")
    assert refused.value.field == "name"


def test_renaming_to_a_taken_name_is_refused_and_rolls_back(organisation, worker, unchanged):
    actor = factories.actor(worker)
    services.theme_create(actor=actor, organisation=organisation, name="Feeling safe")
    theme = services.theme_create(actor=actor, organisation=organisation, name="Places to go")
    with unchanged(), pytest.raises(Conflict):
        services.theme_rename(
            actor=actor, organisation=organisation, theme=theme, name="Feeling Safe"
        )
    theme.refresh_from_db()
    assert theme.name == "Places to go"


def test_renaming_and_describing_are_saved_and_audited(organisation, worker):
    actor = factories.actor(worker)
    theme = services.theme_create(actor=actor, organisation=organisation, name="Places")
    services.theme_rename(actor=actor, organisation=organisation, theme=theme, name="Places to go")
    services.theme_describe(
        actor=actor, organisation=organisation, theme=theme, description="After school"
    )
    theme.refresh_from_db()
    assert (theme.name, theme.description) == ("Places to go", "After school")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"voice.theme.rename", "voice.theme.describe"} <= actions


def test_adding_a_contribution_twice_puts_it_in_once(organisation, worker):
    # Given a theme and a contribution
    actor = factories.actor(worker)
    theme = made.theme(organisation)
    item = made.contribution(organisation)
    # When it is added twice
    first = services.contribution_theme_add(
        actor=actor, organisation=organisation, contribution=item, theme=theme
    )
    second = services.contribution_theme_add(
        actor=actor, organisation=organisation, contribution=item, theme=theme
    )
    # Then it is in the theme once, and only the first was audited
    assert (first, second) == (True, False)
    assert ContributionTheme.objects.count() == 1
    assert AuditEvent.objects.filter(action="voice.theme.add").count() == 1


def test_a_contribution_can_be_in_many_themes(organisation, worker):
    actor = factories.actor(worker)
    item = made.contribution(organisation)
    for name in ("Places to go", "Feeling safe"):
        services.contribution_theme_add(
            actor=actor,
            organisation=organisation,
            contribution=item,
            theme=made.theme(organisation, name),
        )
    assert selectors.themes_of(organisation=organisation, contribution=item).count() == 2


def test_a_contribution_of_another_organisation_cannot_go_in_a_theme(
    organisation, other_organisation, worker, unchanged
):
    theme = made.theme(organisation)
    theirs = made.contribution(other_organisation)
    with unchanged(), pytest.raises(NotFound):
        services.contribution_theme_add(
            actor=factories.actor(worker),
            organisation=organisation,
            contribution=theirs,
            theme=theme,
        )


def test_taking_a_contribution_out_of_a_theme(organisation, worker):
    actor = factories.actor(worker)
    theme = made.theme(organisation)
    item = made.contribution(organisation)
    made.in_theme(theme, item)
    assert services.contribution_theme_remove(
        actor=actor, organisation=organisation, contribution=item, theme=theme
    )
    assert not services.contribution_theme_remove(
        actor=actor, organisation=organisation, contribution=item, theme=theme
    )
    assert not ContributionTheme.objects.exists()
    assert AuditEvent.objects.filter(action="voice.theme.remove").count() == 1


def test_counts_per_theme_in_one_query(organisation, django_assert_num_queries):
    # Given two themes with 3 and 1 contributions, and an empty one
    places, safe = made.theme(organisation, "Places"), made.theme(organisation, "Safe")
    made.theme(organisation, "Empty")
    items = [made.contribution(organisation) for _ in range(3)]
    made.in_theme(places, *items)
    made.in_theme(safe, items[0])
    # Then the counts come in one query
    with django_assert_num_queries(1):
        counts = {
            t.name: t.contribution_count
            for t in selectors.themes_with_counts(organisation=organisation)
        }
    assert counts == {"Places": 3, "Safe": 1, "Empty": 0}
    with django_assert_num_queries(1):
        assert selectors.theme_counts(organisation=organisation) == {places.pk: 3, safe.pk: 1}
