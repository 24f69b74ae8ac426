"""The demo gives Jamie notices to look at, once however often it is loaded."""

from __future__ import annotations

import pytest
from django.test import Client

from alongside.accounts import demo as accounts_demo
from alongside.accounts.models import Person
from alongside.notices import demo

pytestmark = pytest.mark.django_db


def test_jamie_has_notices_in_the_demo_and_loading_again_adds_none():
    # Given the demo's people
    accounts_demo.seed(young_people=5)
    # When the notices are loaded, twice
    first, again = demo.seed(), demo.seed()
    # Then Jamie has their notices once, and sees them on their page
    assert first >= 1
    assert again == 0
    jamie = Person.objects.get(user__username="jamie")
    client = Client()
    client.force_login(jamie.user)
    html = client.get("/my/notices/").content.decode()
    assert "Welcome to Alongside." in html


def test_without_the_demo_people_it_does_nothing():
    assert demo.seed() == 0
