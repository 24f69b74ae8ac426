"""django-allauth's pages where they meet our words and our forms."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Person
from tests import factories


def test_the_security_code_step_asks_for_the_code_when_a_post_has_none(
    client: Client, worker: Person
) -> None:
    # Given a member of staff half-way through signing in (passphrase given, code next)
    assert worker.user is not None
    client.post(
        reverse("account_login"), {"login": worker.user.email, "password": factories.PASSWORD}
    )
    # When the code step is sent without a code field at all
    response = client.post(reverse("mfa_authenticate"), {})
    # Then they are asked for it in our words (allauth had no form to show: a 500)
    assert response.status_code == 200
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()


def test_a_form_that_forgets_its_own_message_never_says_this_field_is_required() -> None:
    # Given a form field with no message of its own
    class Bare(forms.Form):
        answer = forms.CharField()

    # When it is sent empty
    form = Bare({})
    # Then the message is ours
    assert form.errors["answer"] == ["Answer this question"]


def test_signing_in_and_out_say_so_in_our_words(
    client_for: Callable[[Person | None], Client], young_person: Person
) -> None:
    # Given a young person
    assert young_person.user is not None
    client = Client()
    # When they sign in, and then sign out
    signed_in = client.post(
        reverse("account_login"),
        {"login": young_person.user.username, "password": factories.PASSWORD},
        follow=True,
    ).content.decode()
    signed_out = client.post(reverse("account_logout"), follow=True).content.decode()
    # Then each page says so plainly, with no "Successfully signed in as …"
    assert "You are signed in." in signed_in
    assert "Successfully" not in signed_in
    assert "You have signed out." in signed_out
