"""The demo's lead has a concern waiting on their home page; a worker's concern was answered."""

from __future__ import annotations

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from alongside.accounts import demo
from alongside.accounts.models import Person
from alongside.notices.models import Notice
from alongside.safeguarding import demo as safeguarding_demo
from alongside.safeguarding.models import Concern

pytestmark = pytest.mark.django_db


def _page(username_or_email: str, url: str) -> str:
    field = "user__email" if "@" in username_or_email else "user__username"
    person = Person.objects.select_related("user").get(**{field: username_or_email})
    client = Client()
    client.force_login(person.user)
    return client.get(url).content.decode()


def test_the_demo_lead_has_a_concern_waiting_and_casey_sees_a_reply():
    # Given the demo, loaded twice
    demo.seed(young_people=10)
    with TestCase.captureOnCommitCallbacks(execute=True):
        safeguarding_demo.seed()
    safeguarding_demo.seed()

    # Then it has two concerns: one new, one picked up with its answer shown
    assert Concern.objects.count() == 2
    assert set(Concern.objects.values_list("status", flat=True)) == {"new", "acknowledged"}
    # And the printed lead's home page says one is waiting, as the printed note promises
    (row,) = [r for r in demo.sign_ins() if r.role == "Designated safeguarding lead"]
    assert "safeguarding concerns waiting" in row.note
    home = _page(row.username, reverse("home:index"))
    assert "1 safeguarding concern is waiting for you" in home
    assert Notice.objects.filter(person__user__email=row.username).exists()
    # And the young people see what became of theirs
    mine = reverse("safeguarding:my-concerns")
    assert "Someone will respond." in _page("jamie", mine)
    assert "My name is Ruth" in _page("casey", mine)
