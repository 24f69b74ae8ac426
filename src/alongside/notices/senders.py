"""How a digest leaves Alongside: by Django's email (the console in the demo, SMTP in
production) or by GOV.UK Notify, chosen by ``ALONGSIDE_MESSAGES_BACKEND``.

Every sender takes one ``Message`` and either sends it or raises ``SendFailed``. Nothing about
the person (their address, the words) is ever logged: only which backend refused and why, in
the backend's own error codes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)
# The Notify client logs Notify's error messages at WARNING, and they can quote what was sent
# (an address, a phone number). Only errors get through from it; ours say what went wrong.
logging.getLogger("notifications_python_client").setLevel(logging.ERROR)

EMAIL = "email"
TEXT = "text"

# ALONGSIDE_MESSAGES_BACKEND → the Django email backend it sends through (None: EMAIL_BACKEND,
# which is the console and the demo's mail page in the demo, and SMTP in production).
DJANGO_EMAIL_BACKENDS: dict[str, str | None] = {
    "email": None,
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
NOTIFY = "notify"


class SendFailed(Exception):
    """The message did not go. The digest is not marked sent, so the next run tries again."""


@dataclass(frozen=True)
class Message:
    channel: str  # EMAIL or TEXT
    to: str  # an email address or a phone number
    subject: str
    body: str
    reference: str = ""  # ours, with nothing personal in it (the digest's number)


class Sender(Protocol):
    def send(self, message: Message) -> None: ...


@dataclass(frozen=True)
class DjangoEmailSender:
    backend: str | None = None

    def send(self, message: Message) -> None:
        if message.channel != EMAIL:
            raise SendFailed(f"Email backends cannot send a {message.channel} message.")
        try:
            EmailMessage(
                subject=message.subject,
                body=message.body,
                to=[message.to],
                connection=get_connection(self.backend),
            ).send()
        except OSError as error:  # smtplib's errors, refused connections, timeouts
            logger.warning("Email refused a digest (%s)", type(error).__name__)
            raise SendFailed("The email could not be sent.") from error


@dataclass(frozen=True)
class NotifySender:
    """GOV.UK Notify, through its official client. The templates have a ``((subject))`` and a
    ``((body))`` placeholder (docs/notifications.md)."""

    api_key: str
    base_url: str
    email_template_id: str
    text_template_id: str = ""
    timeout: int = 10

    def send(self, message: Message) -> None:
        client = NotificationsAPIClient(  # type: ignore[no-untyped-call]
            self.api_key, base_url=self.base_url, timeout=self.timeout
        )
        personalisation = {"subject": message.subject, "body": message.body}
        try:
            if message.channel == EMAIL:
                client.send_email_notification(  # type: ignore[no-untyped-call]
                    email_address=message.to,
                    template_id=self.email_template_id,
                    personalisation=personalisation,
                    reference=message.reference or None,
                )
            elif message.channel == TEXT and self.text_template_id:
                client.send_sms_notification(  # type: ignore[no-untyped-call]
                    phone_number=message.to,
                    template_id=self.text_template_id,
                    personalisation={"body": message.body},
                    reference=message.reference or None,
                )
            else:
                raise SendFailed(f"No Notify template is set for {message.channel} messages.")
        except APIError as error:
            logger.warning(
                "GOV.UK Notify refused a digest (status %s: %s)",
                error.status_code,
                ", ".join(_error_codes(error)) or "no error code",
            )
            raise SendFailed("GOV.UK Notify did not send the message.") from error
        except requests.RequestException as error:
            logger.warning("GOV.UK Notify could not be reached (%s)", type(error).__name__)
            raise SendFailed("GOV.UK Notify could not be reached.") from error


def _error_codes(error: APIError) -> list[str]:
    """Notify's error names ("BadRequestError"), never its messages, which can quote what was
    sent (an address, a phone number)."""
    try:
        payload: Any = error.response.json() if error.response is not None else {}
    except ValueError:
        return []
    errors = payload.get("errors", []) if isinstance(payload, dict) else []
    return [str(e.get("error", "")) for e in errors if isinstance(e, dict) and e.get("error")]


def configured_sender() -> Sender:
    """The sender the settings choose."""
    backend = settings.ALONGSIDE_MESSAGES_BACKEND
    if backend in DJANGO_EMAIL_BACKENDS:
        return DjangoEmailSender(DJANGO_EMAIL_BACKENDS[backend])
    if backend == NOTIFY:
        if not settings.NOTIFY_API_KEY or not settings.NOTIFY_EMAIL_TEMPLATE_ID:
            raise ImproperlyConfigured(
                "Set NOTIFY_API_KEY and NOTIFY_EMAIL_TEMPLATE_ID to send through GOV.UK Notify."
            )
        return NotifySender(
            api_key=settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            email_template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            text_template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
        )
    raise ImproperlyConfigured("ALONGSIDE_MESSAGES_BACKEND must be email, console, smtp or notify.")
