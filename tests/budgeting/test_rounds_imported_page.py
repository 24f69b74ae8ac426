"""A round loaded from a Pabulib file says so on its staff page, instead of a set-up task list
nobody worked through and voting dates that were only the moment of loading."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.budgeting.models import Round
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db


def test_an_imported_round_says_it_came_from_a_file(organisation, worker) -> None:
    round_ = budget_factories.voting_round(organisation)
    Round.objects.filter(pk=round_.pk).update(imported=True)
    client = Client()
    client.force_login(worker.user)
    page = client.get(
        reverse("budgeting:round-detail", args=[organisation.slug, round_.public_id])
    ).content.decode()
    assert "This round was loaded from a Pabulib file" in page
    assert "Not held here: the ballots were loaded from a file" in page
    assert "You have completed" not in page
