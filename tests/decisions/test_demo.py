"""The demo's decisions: made through the service, citing what was said, and made once."""

from __future__ import annotations

import pytest

from alongside.accounts.roles import Role
from alongside.decisions import demo
from alongside.decisions.models import Citation, Decision
from tests import factories
from tests.decisions.factories import ContributionFactory, InitiativeFactory, ThemeFactory, in_theme

pytestmark = pytest.mark.django_db


def test_with_nothing_said_yet_the_demo_records_nothing():
    assert demo.seed() == 0
    InitiativeFactory()  # an initiative, but nobody has said anything in it
    assert demo.seed() == 0
    assert not Decision.objects.exists()


def test_the_demo_records_about_15_decisions_citing_what_was_said_and_only_once():
    # Given two initiatives where young people said things, and a worker
    organisation = factories.OrganisationFactory()
    factories.person_with_role(Role.WORKER, organisation)
    for _ in range(2):
        initiative = InitiativeFactory(organisation=organisation)
        said = [ContributionFactory(initiative=initiative) for _ in range(6)]
        theme = ThemeFactory(organisation=organisation, initiative=initiative)
        in_theme(theme, *said[:3])
    # When the demo runs twice
    first = demo.seed()
    second = demo.seed()
    # Then there are 15 decisions, each citing something, made the first time only
    assert first == second == Decision.objects.count() == demo.HOW_MANY
    assert Citation.objects.values("decision").distinct().count() == demo.HOW_MANY
