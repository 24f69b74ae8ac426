"""The daily digest: one message a day gathering someone's new notices, only for those who
showed an email address is theirs and agreed to be contacted by the notice's organisation."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alongside.core.models import AuditEvent
from alongside.notices import tasks
from alongside.notices.models import Digest, Notice
from alongside.notices.senders import Message, SendFailed
from tests import factories
from tests.notices.factories import give_contact_consent, notice, reachable

pytestmark = pytest.mark.django_db


class Refusing:
    """A backend that refuses every message (Notify's 400, SMTP down)."""

    def send(self, message: Message) -> None:
        raise SendFailed("refused")


def test_one_message_gathers_every_new_notice(organisation):
    # Given Sam, who checked their email and agreed to be contacted, with three new notices
    sam = reachable(organisation, email="sam@example.org")
    notice(sam, organisation, text="Your idea got an answer")
    notice(sam, organisation, text="Your idea got an answer")
    notice(sam, organisation, text="A decision used what you said")
    # When the digest runs
    run = tasks.digests_send_now()
    # Then one email went to Sam, in plain words, with the link to their notices
    assert run.sent == 1
    (email,) = mail.outbox
    assert email.to == ["sam@example.org"]
    assert email.subject == "You have 3 new things on Alongside"
    assert email.body.startswith("You have 3 new things on Alongside:\n")
    assert "- Your idea got an answer (2 times)\n" in email.body
    assert "- A decision used what you said\n" in email.body
    assert "http://testserver/my/notices/" in email.body
    # And the notices are in today's digest, still unread on the page
    digest = Digest.objects.get()
    assert digest.person == sam
    assert digest.sent_on == timezone.localdate()
    assert digest.sent_at is not None
    assert digest.channel == Digest.Channel.EMAIL
    assert set(Notice.objects.values_list("sent_in", "read_at")) == {(digest.pk, None)}
    # And sending it was recorded, with no address or words in the trail
    event = AuditEvent.objects.get(action="notices.digest.send")
    assert event.data == {"digest": digest.pk, "notices": 3, "channel": "email"}
    assert "sam@example.org" not in str(event.data) + event.summary


def test_one_notice_is_one_thing(organisation):
    sam = reachable(organisation)
    notice(sam, organisation)
    tasks.digests_send_now()
    assert mail.outbox[0].subject == "You have 1 new thing on Alongside"


def test_running_it_again_the_same_day_sends_nothing_more(organisation):
    # Given Sam's digest went this morning
    sam = reachable(organisation)
    notice(sam, organisation)
    tasks.digests_send_now()
    # When something new happens and the digest runs again today
    later = notice(sam, organisation)
    again = tasks.digests_send_now()
    # Then nothing more is sent today: the new notice waits for tomorrow's
    assert again.sent == 0
    assert len(mail.outbox) == 1
    assert Notice.objects.get(pk=later.pk).sent_in is None
    tomorrow = tasks.digests_send_now(day=timezone.localdate() + dt.timedelta(days=1))
    assert tomorrow.sent == 1
    assert len(mail.outbox) == 2
    assert "You have 1 new thing" in mail.outbox[1].subject


def test_read_or_already_sent_notices_are_not_sent(organisation):
    sam = reachable(organisation)
    read = notice(sam, organisation)
    Notice.objects.filter(pk=read.pk).update(read_at=timezone.now())
    assert tasks.digests_send_now().sent == 0
    assert not mail.outbox
    assert not Digest.objects.exists()


@pytest.mark.parametrize(
    "who",
    ["no contact consent", "consent withdrawn", "address not checked", "no sign-in", "erased"],
)
def test_nobody_is_emailed_without_a_checked_address_and_consent_to_be_contacted(organisation, who):
    # Given someone with a new notice, but one thing missing
    if who == "no sign-in":
        person = factories.offline_person(organisation, contact_email="typed@example.org")
        give_contact_consent(person, organisation)
    else:
        person = reachable(
            organisation, contact=who != "no contact consent", verified=who != "address not checked"
        )
    if who == "consent withdrawn":
        person.consents.update(withdrawn_at=timezone.now())
    if who == "erased":
        person.erased_at = timezone.now()
        person.save(update_fields=["erased_at"])
    notice(person, organisation)
    # When the digest runs
    run = tasks.digests_send_now()
    # Then nothing is sent, and the notice stays for the page alone
    assert run.sent == 0
    assert not mail.outbox
    assert not Digest.objects.exists()


def test_only_notices_from_organisations_they_agreed_to_hear_from_are_sent(
    organisation, other_organisation
):
    # Given Sam agreed to be contacted by one organisation, not the other
    sam = reachable(organisation)
    factories.MembershipFactory(person=sam, organisation=other_organisation, role="young_person")
    notice(sam, organisation, text="From the one they agreed to")
    elsewhere = notice(sam, other_organisation, text="From the other one")
    no_organisation = notice(sam, None, text="From no organisation")
    # When the digest runs
    tasks.digests_send_now()
    # Then only that organisation's notice is in it
    (email,) = mail.outbox
    assert "From the one they agreed to" in email.body
    assert "From the other one" not in email.body
    assert "From no organisation" not in email.body
    assert Notice.objects.get(pk=elsewhere.pk).sent_in is None
    assert Notice.objects.get(pk=no_organisation.pk).sent_in is None


def test_the_message_holds_nothing_another_person_wrote(organisation, person_with_role):
    # Given a worker whose name and words are on the notice's page, not in the notice
    sam = reachable(organisation)
    worker = person_with_role("worker", display_name="Riley Worker")
    notice(sam, organisation, text="Your idea got an answer", url="/ideas/x/")
    tasks.digests_send_now()
    body = mail.outbox[0].body
    assert worker.display_name not in body
    assert sam.display_name not in body
    assert "/ideas/x/" not in body  # just the notices page


def test_a_refused_message_is_not_marked_sent_and_goes_on_the_next_run(organisation, caplog):
    # Given Sam has a new notice, and the backend refuses today
    sam = reachable(organisation, email="sam@example.org")
    notice(sam, organisation)
    with caplog.at_level(logging.WARNING):
        run = tasks.digests_send_now(sender=Refusing())
    # Then nothing is marked sent, no digest row or audit event is left, and the log names
    # nobody
    assert run.failed == 1
    assert run.sent == 0
    assert not Digest.objects.exists()
    assert Notice.objects.get().sent_in is None
    assert not AuditEvent.objects.filter(action="notices.digest.send").exists()
    assert "sam@example.org" not in caplog.text
    assert "tried on the next run" in caplog.text
    # When the next run's backend works, it goes
    assert tasks.digests_send_now().sent == 1
    assert len(mail.outbox) == 1


def test_the_command_sends_them_and_says_how_many(organisation, capsys):
    sam = reachable(organisation)
    notice(sam, organisation)
    call_command("notices", "digest")
    assert "1 daily message sent." in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_command_can_hand_them_to_the_worker(organisation, capsys):
    # (Tests run tasks at once; a real installation's `alongside worker` picks it up.)
    sam = reachable(organisation)
    notice(sam, organisation)
    call_command("notices", "digest", "--enqueue")
    assert "queued for the worker" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_task_reports_its_outcomes(organisation):
    sam = reachable(organisation)
    notice(sam, organisation)
    result = tasks.digests_send.enqueue()
    assert result.return_value == {"sent": 1, "already": 0, "nothing": 0, "failed": 0}


def test_without_the_site_address_in_production_it_says_what_to_set(settings, organisation):
    from django.core.exceptions import ImproperlyConfigured

    settings.ALONGSIDE_SITE_URL = ""
    with pytest.raises(ImproperlyConfigured, match="ALONGSIDE_SITE_URL"):
        tasks.digests_send_now()
