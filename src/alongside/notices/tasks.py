"""The daily digest: one message a day gathering a person's new notices, run by `alongside
worker` (django-tasks) when `alongside notices digest --enqueue` queues it, or straight from
`alongside notices digest` (cron; docs/deploy.md).

Who gets one: someone with unread notices not yet in a digest, from an organisation where they
agreed to be contacted (a ``contact`` consent in force), who showed an email address is theirs
(allauth's verified address). No phone number is stored anywhere yet, so texts are never chosen,
though the Notify sender can send them.

At most one a day, however many workers run it at once: the Digest row's unique constraint
(``notices_digest_one_a_day``) decides. The row, the notices' ``sent_in`` and the audit event are
written in one transaction with the sending, so a message that fails (Notify says 400, SMTP is
down) leaves nothing behind and is tried again on the next run. A message that went but whose
transaction then failed to commit would go again: at least once, never twice in normal running.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_tasks import task

from alongside.accounts.models import Person
from alongside.core.audit import audit_record
from alongside.core.text import render_text
from alongside.notices import selectors
from alongside.notices.models import Digest, Notice
from alongside.notices.senders import EMAIL, Message, Sender, SendFailed, configured_sender

logger = logging.getLogger(__name__)


class Outcome(enum.Enum):
    SENT = "sent"
    ALREADY = "already"  # today's went already, or another worker is sending it now
    NOTHING = "nothing"  # nothing due for them (read, or sent, meanwhile), or no address
    FAILED = "failed"  # the backend refused; tried again next run


@dataclass
class DigestRun:
    counts: Counter[Outcome] = field(default_factory=Counter)

    @property
    def sent(self) -> int:
        return self.counts[Outcome.SENT]

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED]


class _NothingToSend(Exception):
    pass


def digest_body(notices: list[Notice], *, link: str) -> tuple[str, str]:
    """Subject and plain-text body: how many new things, each notice's own words once (with a
    count if it came more than once), and the link to the notices page. Notice texts are the
    product's words (``notice_send``), never what another person wrote."""
    count = len(notices)
    lines = Counter(gettext(notice.text) for notice in notices)
    subject = ngettext(
        "You have %(count)s new thing on Alongside",
        "You have %(count)s new things on Alongside",
        count,
    ) % {"count": count}
    body = render_text(
        "notices/email/digest.txt",
        {
            "subject": subject,
            "lines": [(text, times) for text, times in lines.items()],
            "link": link,
        },
    )
    return subject, body


def _notices_link() -> str:
    base = str(settings.ALONGSIDE_SITE_URL).rstrip("/")
    if not base:
        raise ImproperlyConfigured(
            "Set ALONGSIDE_SITE_URL (like https://alongside.example.gov.uk) so the daily "
            "message can link to the notices page."
        )
    return base + reverse("notices:my-notices")


def digest_send_to(*, person_id: int, day: dt.date, sender: Sender, link: str) -> Outcome:
    """Send ``person_id`` their digest for ``day``, unless it went already."""
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    if person is None or person.erased_at is not None:
        return Outcome.NOTHING
    address = selectors.verified_email(person=person)
    if not address:
        return Outcome.NOTHING
    try:
        with transaction.atomic():
            try:
                # The constraint decides: a second worker waits here for the first to finish,
                # then finds the row there (and stops), or gone because sending failed (and
                # tries itself).
                with transaction.atomic():
                    digest = Digest.objects.create(
                        person=person, sent_on=day, channel=Digest.Channel.EMAIL
                    )
            except IntegrityError:
                return Outcome.ALREADY
            notices = list(
                selectors.digest_due(person_id=person.pk)
                .select_for_update(of=("self",))
                .order_by("created_at", "pk")
            )
            if not notices:
                raise _NothingToSend
            Notice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_in=digest)
            digest.sent_at = timezone.now()
            digest.save(update_fields=["sent_at"])
            audit_record(
                action="notices.digest.send",
                summary="Daily message about new notices sent",
                target=person,
                data={"digest": digest.pk, "notices": len(notices), "channel": digest.channel},
            )
            subject, body = digest_body(notices, link=link)
            # Last, so that if it fails everything above is rolled back and tried again.
            sender.send(
                Message(
                    channel=EMAIL,
                    to=address,
                    subject=subject,
                    body=body,
                    reference=f"digest-{digest.pk}",
                )
            )
    except _NothingToSend:
        return Outcome.NOTHING
    except SendFailed:
        logger.warning("A daily message was not sent; it will be tried on the next run")
        return Outcome.FAILED
    return Outcome.SENT


def digests_send_now(*, day: dt.date | None = None, sender: Sender | None = None) -> DigestRun:
    """Send every digest due today. Safe to run any number of times, on any number of workers."""
    day = day or timezone.localdate()
    sender = sender or configured_sender()
    link = _notices_link()
    run = DigestRun()
    person_ids = list(selectors.people_with_digest_due().values_list("pk", flat=True))
    for person_id in person_ids:
        run.counts[digest_send_to(person_id=person_id, day=day, sender=sender, link=link)] += 1
    return run


@task()
def digests_send() -> dict[str, int]:
    """The worker's way in; returns how many of each outcome (kept with the task's result)."""
    run = digests_send_now()
    return {outcome.value: run.counts[outcome] for outcome in Outcome}
