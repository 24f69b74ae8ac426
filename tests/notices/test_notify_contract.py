"""A contract test against a stand-in of GOV.UK Notify's API: a small HTTP server in a thread
that checks the request the official client makes (path, JSON body, a JWT signed with the
key's secret) and answers as Notify does."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from alongside.notices import senders, tasks
from alongside.notices.models import Digest, Notice
from alongside.notices.senders import NotifySender
from tests.notices.factories import notice, reachable

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
OTHER_SECRET = "9a1c0b7e-2f3d-4e5a-8b6c-7d8e9f0a1b2c"
API_KEY = f"alongside_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
TEXT_TEMPLATE = "0f6f2a8a-5c4b-4e1c-9d6a-3b2c7e0d9f11"


@dataclass
class StandIn:
    """What the stand-in received, and what it should answer next."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 201
    answer: dict[str, Any] | None = None


@pytest.fixture
def notify() -> Iterator[StandIn]:
    stand_in = StandIn()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stand_in.requests.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                }
            )
            if stand_in.status == 201:
                answer = stand_in.answer or {
                    "id": str(uuid.uuid4()),
                    "reference": body.get("reference"),
                    "content": {"subject": "…", "body": "…", "from_email": "a@b"},
                    "template": {"id": body["template_id"], "version": 1, "uri": "…"},
                    "uri": "…",
                }
            else:
                answer = stand_in.answer or {}
            payload = json.dumps(answer).encode()
            self.send_response(stand_in.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stand_in.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def notify_settings(settings, notify: StandIn) -> StandIn:
    settings.ALONGSIDE_MESSAGES_BACKEND = "notify"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = notify.url
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_TEXT_TEMPLATE_ID = TEXT_TEMPLATE
    return notify


def check_token(headers: dict[str, str]) -> dict[str, Any]:
    """Notify's rules: a Bearer JWT, HS256, signed with the key's secret, issued by the service
    now."""
    scheme, token = headers["authorization"].split(" ", 1)
    assert scheme == "Bearer"
    assert jwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256"}
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": True})
    assert claims["iss"] == SERVICE_ID
    assert abs(claims["iat"] - time.time()) < 30
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, OTHER_SECRET, algorithms=["HS256"])
    return claims


@pytest.mark.django_db
def test_the_digest_goes_to_notify_as_one_email_with_the_template_and_our_words(
    notify_settings, organisation
):
    # Given Sam has two new notices, and Alongside sends through Notify
    sam = reachable(organisation, email="sam@example.org")
    notice(sam, organisation, text="Your idea got an answer")
    notice(sam, organisation, text="A decision used what you said")
    # When the digest runs
    run = tasks.digests_send_now()
    # Then the client made one request, as Notify's API expects
    assert run.sent == 1
    (request,) = notify_settings.requests
    assert request["path"] == "/v2/notifications/email"
    assert request["headers"]["content-type"] == "application/json"
    check_token(request["headers"])
    body = request["body"]
    digest = Digest.objects.get()
    assert body["email_address"] == "sam@example.org"
    assert body["template_id"] == EMAIL_TEMPLATE
    assert body["reference"] == f"digest-{digest.pk}"
    assert body["personalisation"]["subject"] == "You have 2 new things on Alongside"
    assert body["personalisation"]["body"].startswith("You have 2 new things on Alongside:\n")
    assert "- A decision used what you said" in body["personalisation"]["body"]
    assert "http://testserver/my/notices/" in body["personalisation"]["body"]
    # And nothing went by Django's email, and the notices are marked as sent
    assert not mail.outbox
    assert set(Notice.objects.values_list("sent_in", flat=True)) == {digest.pk}


@pytest.mark.django_db
def test_when_notify_refuses_the_digest_is_not_marked_and_the_log_names_nobody(
    notify_settings, organisation, caplog
):
    # Given Notify answers 400, as it does for a bad address or template
    notify_settings.status = 400
    notify_settings.answer = {
        "status_code": 400,
        "errors": [
            {"error": "BadRequestError", "message": "Can't send to this recipient sam@example.org"}
        ],
    }
    sam = reachable(organisation, email="sam@example.org")
    notice(sam, organisation)
    # When the digest runs
    with caplog.at_level(logging.WARNING):
        run = tasks.digests_send_now()
    # Then it failed, and says so without the address or Notify's words
    assert run.failed == 1
    assert run.sent == 0
    assert "status 400: BadRequestError" in caplog.text
    assert "sam@example.org" not in caplog.text
    assert "recipient" not in caplog.text
    # And nothing is marked sent, so the next run tries again, and this time it goes
    assert not Digest.objects.exists()
    assert Notice.objects.get().sent_in is None
    notify_settings.status, notify_settings.answer = 201, None
    assert tasks.digests_send_now().sent == 1
    assert len(notify_settings.requests) == 2


def test_a_text_goes_to_the_sms_endpoint_with_its_own_template(notify):
    # (No phone number is stored yet, so digests never choose texts; the sender is ready.)
    sender = NotifySender(
        api_key=API_KEY,
        base_url=notify.url,
        email_template_id=EMAIL_TEMPLATE,
        text_template_id=TEXT_TEMPLATE,
    )
    sender.send(senders.Message(channel=senders.TEXT, to="07700900123", subject="s", body="b"))
    (request,) = notify.requests
    assert request["path"] == "/v2/notifications/sms"
    check_token(request["headers"])
    assert request["body"] == {
        "phone_number": "07700900123",
        "template_id": TEXT_TEMPLATE,
        "personalisation": {"body": "b"},
    }


def test_notify_that_cannot_be_reached_is_a_failure_to_try_again(caplog):
    sender = NotifySender(
        api_key=API_KEY, base_url="http://127.0.0.1:9", email_template_id=EMAIL_TEMPLATE
    )
    with caplog.at_level(logging.WARNING), pytest.raises(senders.SendFailed):
        sender.send(
            senders.Message(channel=senders.EMAIL, to="sam@example.org", subject="s", body="b")
        )
    assert "sam@example.org" not in caplog.text


def test_notify_without_its_key_or_template_says_what_to_set(settings):
    settings.ALONGSIDE_MESSAGES_BACKEND = "notify"
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="NOTIFY_API_KEY"):
        senders.configured_sender()


@pytest.mark.parametrize(
    ("setting", "backend"),
    [
        ("email", None),
        ("console", "django.core.mail.backends.console.EmailBackend"),
        ("smtp", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_the_email_backends_are_django_s(settings, setting, backend):
    settings.ALONGSIDE_MESSAGES_BACKEND = setting
    assert senders.configured_sender() == senders.DjangoEmailSender(backend)


def test_an_unknown_backend_is_refused(settings):
    settings.ALONGSIDE_MESSAGES_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured, match="email, console, smtp or notify"):
        senders.configured_sender()
