"""The demo's mail page: every email the demo sent, readable, with its links."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core import mail
from django.urls import reverse

from tests.test_settings import PRODUCTION

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mail_dir(settings, tmp_path):
    settings.EMAIL_BACKEND = "alongside.home.demo_mail.DemoEmailBackend"
    settings.DEMO_MAIL_DIR = tmp_path / "mail"
    return settings.DEMO_MAIL_DIR


def test_an_email_sent_in_the_demo_is_shown_with_its_link(client, demo_mail_dir, capsys):
    # Given the demo has sent an email with a link
    mail.send_mail(
        "Agree to Robin taking part",
        "Open this link to agree:\nhttp://127.0.0.1:8000/consent/abc-123/\n",
        "Alongside <no-reply@alongside.invalid>",
        ["parent@example.org"],
    )
    # Then it was printed too
    assert "Agree to Robin taking part" in capsys.readouterr().out
    # And the mail page shows it, its link ready to open
    response = client.get(reverse("home:demo-mail"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "parent@example.org" in content
    assert "Agree to Robin taking part" in content
    assert (
        '<a class="govuk-link" href="http://127.0.0.1:8000/consent/abc-123/">'
        "http://127.0.0.1:8000/consent/abc-123/</a>" in content
    )


def test_the_mail_page_says_when_nothing_was_sent(client, demo_mail_dir):
    response = client.get(reverse("home:demo-mail"))
    assert response.status_code == 200
    assert "No emails yet." in response.content.decode()


def test_an_email_body_is_escaped(client, demo_mail_dir):
    mail.send_mail(
        "Hello", "<script>alert(1)</script> https://x.example/?a=1&b=2", "a@b.c", ["d@e.f"]
    )
    content = client.get(reverse("home:demo-mail")).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content
    assert 'href="https://x.example/?a=1&amp;b=2"' in content


def test_the_mail_page_is_never_routed_in_production():
    code = (
        "import django; django.setup();"
        "from django.urls import Resolver404, resolve\n"
        "try:\n    resolve('/demo/mail/'); print('routed')\n"
        "except Resolver404:\n    print('not routed')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **{k: v for k, v in os.environ.items() if k not in PRODUCTION},
            **PRODUCTION,
            "DJANGO_SETTINGS_MODULE": "alongside.config.settings",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "not routed", result.stderr
