"""The demo's email: printed to the console, and kept in var/mail so that the demo's mail page
(/demo/mail/) shows it, links and all, to someone trying Alongside with no mail server.

Demo mode only: production sends email over SMTP, and never routes the mail page.
"""

from __future__ import annotations

import datetime as dt
import email
import os
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage as ParsedMessage
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.message import EmailMessage
from markupsafe import Markup, escape

# The page shows the newest messages; a demo never needs more.
SHOWN = 50
LINK = re.compile(r"https?://[^\s<>\"]+")


class DemoEmailBackend(ConsoleBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        folder = Path(settings.DEMO_MAIL_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
            # Written aside, then renamed: the page never reads half a message.
            partial = folder / f".{name}"
            partial.write_bytes(message.message().as_bytes())
            os.replace(partial, folder / name)
        return sent


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    sent_at: dt.datetime | None
    body: str

    @property
    def body_html(self) -> Markup:
        """The body, escaped, with its links as GOV.UK links to open."""
        parts: list[str] = []
        last = 0
        for match in LINK.finditer(self.body):
            parts.append(escape(self.body[last : match.start()]))
            url = escape(match.group())
            parts.append(Markup('<a class="govuk-link" href="{0}">{0}</a>').format(url))
            last = match.end()
        parts.append(escape(self.body[last:]))
        return Markup("").join(parts)


def _parse(path: Path) -> Mail:
    parsed: Any = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(parsed, ParsedMessage)
    part = parsed.get_body(preferencelist=("plain",))
    date = parsed.get("Date")
    sent_at = date.datetime if date is not None else None
    if sent_at is not None and sent_at.tzinfo is None:
        sent_at = sent_at.replace(tzinfo=dt.UTC)  # Django writes UTC as "-0000": no offset
    return Mail(
        to=str(parsed.get("To", "")),
        subject=str(parsed.get("Subject", "")),
        sent_at=sent_at,
        body=part.get_content() if part is not None else "",
    )


def demo_mail() -> list[Mail]:
    """The newest messages first."""
    folder = Path(settings.DEMO_MAIL_DIR)
    if not folder.is_dir():
        return []
    paths = sorted(folder.glob("[!.]*.eml"), reverse=True)[:SHOWN]
    return [_parse(path) for path in paths]
