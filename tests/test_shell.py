"""The GOV.UK page shell: strict CSP with a nonce, language switch, no tracking cookies."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_inline_script_carries_the_nonce_the_policy_allows(client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None, policy
    assert f'<script nonce="{nonce.group(1)}">' in response.content.decode()
    assert "'unsafe-inline'" not in policy


def test_no_cookies_are_set_for_a_visitor_who_only_reads(client) -> None:
    response = client.get("/privacy/")
    assert response.status_code == 200
    assert not response.cookies


def test_language_switch_turns_the_page_welsh(client) -> None:
    response = client.get("/language/cy/?next=/privacy/", follow=True)
    assert response.redirect_chain == [("/privacy/", 302)]
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert "Ymuno â chod" in html  # "Join with a code"


def test_language_switch_does_not_redirect_elsewhere(client) -> None:
    response = client.get("/language/cy/?next=https://evil.example/")
    assert response["Location"] == "/"
