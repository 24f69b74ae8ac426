"""Each theme's ``published_count`` moves with every service that changes a status or what a
theme holds, in the same transaction, by an ``F()`` update; `alongside voice verify-counts`
checks it against a real count, and the migration that added it filled it in."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.models import Organisation, Person
from alongside.core.models import AuditEvent
from alongside.voice import selectors_answers, services
from alongside.voice.models import Contribution, Theme
from tests import factories
from tests.voice import factories_answers as made
from tests.voice.factories import ContributionFactory, InitiativeFactory

pytestmark = pytest.mark.django_db
Status = Contribution.Status


def count(theme: Theme) -> int:
    """The kept count, checked against a real count every time it is read here."""
    theme.refresh_from_db(fields=["published_count"])
    assert selectors_answers.theme_count_mismatches() == []
    return theme.published_count


@pytest.fixture
def theme(organisation: Organisation) -> Theme:
    return made.theme(organisation)


@pytest.fixture
def add(organisation: Organisation, worker: Person, theme: Theme) -> Callable[..., bool]:
    def put(contribution: Contribution, into: Theme | None = None) -> bool:
        return services.contribution_theme_add(
            actor=factories.actor(worker),
            organisation=organisation,
            contribution=contribution,
            theme=into or theme,
        )

    return put


def test_putting_a_published_contribution_in_counts_it_once(add, theme, organisation):
    published = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))
    assert add(published) is True
    assert count(theme) == 1
    # Put in again (a double press): nothing more
    assert add(published) is False
    assert count(theme) == 1


@pytest.mark.parametrize("status", [Status.HELD, Status.AWAITING_MODERATION, Status.HIDDEN])
def test_putting_in_one_not_published_counts_nothing(add, theme, organisation, status):
    contribution = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation),
        status=status,
        hold_reason="contact_details",
        moderation_reason="It named someone",
    )
    add(contribution)
    assert count(theme) == 0


def test_taking_a_published_one_out_uncounts_it_and_twice_changes_nothing(
    add, theme, organisation, worker
):
    published = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))
    add(published)

    def take_out() -> bool:
        return services.contribution_theme_remove(
            actor=factories.actor(worker),
            organisation=organisation,
            contribution=published,
            theme=theme,
        )

    assert take_out() is True
    assert count(theme) == 0
    assert take_out() is False
    assert count(theme) == 0


def test_publishing_a_held_or_waiting_one_counts_it_in_every_theme_it_is_in(
    add, theme, organisation, worker
):
    # Given a held and a waiting contribution, both in two themes
    initiative = InitiativeFactory(organisation=organisation)
    held = ContributionFactory(initiative=initiative, status=Status.HELD, hold_reason="x")
    waiting = ContributionFactory(initiative=initiative, status=Status.AWAITING_MODERATION)
    second = made.theme(organisation, name="Feeling safe")
    for contribution in (held, waiting):
        add(contribution)
        add(contribution, second)
    assert (count(theme), count(second)) == (0, 0)
    # When a moderator publishes each, and presses publish again on one
    for contribution in (held, waiting, held):
        services.contribution_publish(
            actor=factories.actor(worker), organisation=organisation, contribution=contribution
        )
    # Then both themes count both, once
    assert (count(theme), count(second)) == (2, 2)


def test_hiding_a_published_one_uncounts_it_and_hiding_a_held_one_changes_nothing(
    add, theme, organisation, worker
):
    initiative = InitiativeFactory(organisation=organisation)
    published = ContributionFactory(initiative=initiative)
    held = ContributionFactory(initiative=initiative, status=Status.HELD, hold_reason="x")
    add(published)
    add(held)
    assert count(theme) == 1
    for contribution in (held, published, published):
        services.contribution_hide(
            actor=factories.actor(worker),
            organisation=organisation,
            contribution=contribution,
            reason="It named someone",
        )
    assert count(theme) == 0


def test_the_author_withdrawing_uncounts_it_once(add, theme, organisation, young_person):
    mine = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), author=young_person
    )
    add(mine)
    for _ in range(2):
        services.contribution_withdraw(
            actor=factories.actor(young_person), organisation=organisation, contribution=mine
        )
    assert count(theme) == 0


@pytest.mark.parametrize(
    ("moderate_first", "words", "now"),
    [
        (True, "Benches by the ramp, and a shelter too", Status.AWAITING_MODERATION),
        (False, "Benches by the ramp. Text me on 07700 900123", Status.HELD),
        (False, "Benches by the ramp, and a shelter too", Status.PUBLISHED),
    ],
)
def test_an_edit_that_sends_it_back_to_be_checked_uncounts_it(
    add, theme, organisation, young_person, moderate_first, words, now
):
    initiative = InitiativeFactory(
        organisation=organisation, moderate_before_publishing=moderate_first
    )
    mine = ContributionFactory(initiative=initiative, author=young_person)
    add(mine)
    edited = services.contribution_edit(
        actor=factories.actor(young_person),
        organisation=organisation,
        contribution=mine,
        text=words,
    )
    assert edited.status == now
    assert count(theme) == (1 if now == Status.PUBLISHED else 0)


def test_each_change_is_an_f_update_of_the_count_not_a_number_written_back(
    add, theme, organisation, worker
):
    # Given a waiting contribution in the theme
    waiting = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), status=Status.AWAITING_MODERATION
    )
    add(waiting)
    # When it is published
    with CaptureQueriesContext(connection) as captured:
        services.contribution_publish(
            actor=factories.actor(worker), organisation=organisation, contribution=waiting
        )
    # Then the count was raised in the database, from whatever it held then
    updates = [q["sql"] for q in captured if q["sql"].startswith('UPDATE "voice_theme"')]
    assert len(updates) == 1, updates
    assert '"published_count" = ("voice_theme"."published_count" + 1)' in updates[0]
    assert count(theme) == 1


def test_a_count_already_at_nought_never_goes_below_it(add, theme, organisation, worker):
    # Given a count someone set wrong by hand
    published = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))
    add(published)
    Theme.objects.filter(pk=theme.pk).update(published_count=0)
    # When the contribution is hidden, it is hidden all the same (words must be able to come down)
    services.contribution_hide(
        actor=factories.actor(worker),
        organisation=organisation,
        contribution=published,
        reason="It named someone",
    )
    theme.refresh_from_db()
    assert theme.published_count == 0
    assert Contribution.objects.get(pk=published.pk).status == Status.HIDDEN


# verify-counts ---------------------------------------------------------------------------


def _drifted(organisation: Organisation, theme: Theme) -> None:
    made.in_theme(theme, made.contribution(organisation), made.contribution(organisation))
    Theme.objects.filter(pk=theme.pk).update(published_count=5)


def test_verify_counts_says_all_is_right(organisation, theme, capsys):
    made.in_theme(theme, made.contribution(organisation))
    call_command("voice", "verify-counts")
    assert "Every theme's count of published contributions is right." in capsys.readouterr().out


def test_verify_counts_fails_naming_each_wrong_count_and_changes_nothing(organisation, theme):
    _drifted(organisation, theme)
    with pytest.raises(CommandError) as failed:
        call_command("voice", "verify-counts")
    message = str(failed.value)
    assert f"Theme {theme.pk} (organisation {organisation.pk}) counts 5 published but holds 2." in (
        message
    )
    assert "1 theme has the wrong count." in message
    theme.refresh_from_db()
    assert theme.published_count == 5


def test_verify_counts_repair_puts_it_right_and_says_so_in_the_trail(organisation, theme, capsys):
    _drifted(organisation, theme)
    call_command("voice", "verify-counts", "--repair")
    assert "1 theme put right." in capsys.readouterr().out
    assert count(theme) == 2
    event = AuditEvent.objects.get(action="voice.theme.counts_repair")
    assert (event.organisation_id, event.data) == (organisation.pk, {"themes": 1})
    # And run again, there is nothing to repair
    assert services.theme_published_counts_repair() == 0


# The migration ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_fills_in_each_themes_count_from_what_it_holds() -> None:
    # Its data step, on today's tables: migrating voice back and forth undid and redid every
    # app that depends on it (half a minute), to test one loop.
    backfill = importlib.import_module("alongside.voice.migrations.0002_theme_published_count")
    ids = _old_world(django_apps)
    Theme.objects.filter(pk__in=ids).update(published_count=99)

    backfill.backfill(django_apps, None)

    counts = dict(Theme.objects.filter(pk__in=ids).values_list("pk", "published_count"))
    assert counts == {ids[0]: 2, ids[1]: 0}


def _old_world(apps: Any) -> list[int]:
    """Two themes made before the count existed: one with two published contributions (and a
    hidden and a held one), one with only a withdrawn one."""
    import uuid

    organisation = apps.get_model("accounts", "Organisation").objects.create(
        slug="old", name="Old", kind="youth_organisation"
    )
    initiative = apps.get_model("initiatives", "Initiative").objects.create(
        organisation=organisation, title="Old", purpose="Old"
    )
    contribution_model = apps.get_model("voice", "Contribution")
    theme_model = apps.get_model("voice", "Theme")
    link = apps.get_model("voice", "ContributionTheme")
    full = theme_model.objects.create(organisation=organisation, name="Full")
    empty = theme_model.objects.create(organisation=organisation, name="Empty")
    for status, theme in [
        ("published", full),
        ("published", full),
        ("hidden", full),
        ("held", full),
        ("withdrawn", empty),
    ]:
        contribution = contribution_model.objects.create(
            organisation=organisation,
            initiative=initiative,
            kind="idea",
            channel="online",
            text="Old words",
            status=status,
            hold_reason="contact_details" if status == "held" else "",
            moderation_reason="x" if status == "hidden" else "",
            idempotency_key=uuid.uuid4(),
        )
        link.objects.create(contribution=contribution, theme=theme)
    return [full.pk, empty.pk]
