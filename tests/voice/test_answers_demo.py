"""The themes and answers demo: nothing without contributions; over them, themes, answers of
every kind, and some left waiting too long."""

from __future__ import annotations

import pytest

from alongside.accounts.roles import Role
from alongside.voice import demo_answers
from alongside.voice import selectors_answers as selectors
from alongside.voice.models import Answer, Contribution, Theme
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def test_without_contributions_it_does_nothing(organisation, worker):
    assert demo_answers.seed() == demo_answers.AnswersResult()
    assert not Theme.objects.exists()


def test_over_contributions_it_makes_themes_answers_and_overdue_ones(
    organisation, worker, person_with_role
):
    # Given 120 published contributions (and a withdrawn one)
    authors = [person_with_role(Role.YOUNG_PERSON) for _ in range(10)]
    for n in range(120):
        made.contribution(organisation, author=authors[n % 10])
    made.contribution(organisation, status=Contribution.Status.WITHDRAWN)
    # When the demo runs, twice
    result = demo_answers.seed()
    assert demo_answers.seed() == demo_answers.AnswersResult()
    # Then there are themes, answers of every kind, and some waiting too long
    assert result.themes == Theme.objects.count() == 5
    assert set(Answer.objects.values_list("status", flat=True)) == set(Answer.Status.values)
    assert Answer.objects.filter(status="passed_on").exclude(passed_to="").exists()
    assert selectors.overdue_count(organisation=organisation) == result.overdue > 0
    unanswered = Contribution.objects.filter(
        status=Contribution.Status.PUBLISHED, first_answered_at__isnull=True
    ).count()
    assert unanswered == result.overdue
    assert unanswered < 120 // 5
    # And every theme counts its published contributions right
    assert sum(Theme.objects.values_list("published_count", flat=True)) == 60
    assert selectors.theme_count_mismatches() == []
