"""Two workers sending the digest at the same moment send it once (PostgreSQL, two real
connections: tests/concurrency.py)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alongside.notices import tasks
from alongside.notices.models import Digest, Notice
from alongside.notices.senders import Message, SendFailed
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.notices.factories import notice, reachable

LINK = "http://testserver/my/notices/"


class Recording:
    def __init__(self, refuse: bool = False) -> None:
        self.sent: list[Message] = []
        self.refuse = refuse

    def send(self, message: Message) -> None:
        if self.refuse:
            raise SendFailed("refused")
        self.sent.append(message)


def _send(person_id: int, sender: Recording):
    def run() -> tasks.Outcome:
        return tasks.digest_send_to(
            person_id=person_id, day=timezone.localdate(), sender=sender, link=LINK
        )

    return run


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_at_once_send_one_message():
    # Given Sam has two new notices
    organisation = factories.OrganisationFactory()
    sam = reachable(organisation)
    notice(sam, organisation)
    notice(sam, organisation)
    sender = Recording()
    # When two workers send Sam's digest at the same moment
    first, second = run_concurrently(_send(sam.pk, sender), _send(sam.pk, sender))
    # Then one sent it, the other waited for it and stopped
    assert first.ok, first.error
    assert second.ok, second.error
    assert {first.result, second.result} == {tasks.Outcome.SENT, tasks.Outcome.ALREADY}
    assert len(sender.sent) == 1
    digest = Digest.objects.get()
    assert set(Notice.objects.values_list("sent_in", flat=True)) == {digest.pk}


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_if_the_first_worker_fails_the_second_sends_it():
    # Given the first worker's backend refuses
    organisation = factories.OrganisationFactory()
    sam = reachable(organisation)
    notice(sam, organisation)
    refusing, working = Recording(refuse=True), Recording()
    # When both try at the same moment
    first, second = run_concurrently(_send(sam.pk, refusing), _send(sam.pk, working))
    # Then the first left nothing behind, and the second sent the one message
    assert (first.result, second.result) == (tasks.Outcome.FAILED, tasks.Outcome.SENT)
    assert len(working.sent) == 1
    assert Digest.objects.count() == 1
