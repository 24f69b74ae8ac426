"""Photos added in the give flow but never sent are deleted after a day by
`alongside voice purge-pending-photos`; nothing sent, and nothing still in a flow, is touched."""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.voice import services
from alongside.voice.models import Contribution
from tests.voice.factories import InitiativeFactory, image_upload

pytestmark = pytest.mark.django_db

HOUR = 60 * 60


def put(private_files: Path, name: str, *, hours_old: float) -> Path:
    path = private_files / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not really a photo")
    then = time.time() - hours_old * HOUR
    os.utime(path, (then, then))
    return path


def test_it_deletes_waiting_photos_older_than_a_day_and_nothing_else(private_files, capsys):
    # Given two photos left in give flows two days ago and one from an hour ago, and the photo
    # of a contribution sent a week ago
    old = [
        put(private_files, f"contributions/pending/{uuid.uuid4()}.jpg", hours_old=48),
        put(private_files, f"contributions/pending/{uuid.uuid4()}.png", hours_old=25),
    ]
    recent = put(private_files, f"contributions/pending/{uuid.uuid4()}.jpg", hours_old=1)
    sent = put(private_files, f"contributions/2026/11/{uuid.uuid4()}.jpg", hours_old=7 * 24)
    # When the purge runs
    call_command("voice", "purge-pending-photos")
    # Then only the waiting photos older than a day are gone, and it says how many
    assert "2 photos never sent deleted." in capsys.readouterr().out
    assert not any(path.exists() for path in old)
    assert recent.exists()
    assert sent.exists()
    # And run again, there is nothing more to delete
    assert services.pending_photos_purge() == 0


def test_with_no_waiting_photos_at_all_it_deletes_nothing(private_files, capsys):
    call_command("voice", "purge-pending-photos")
    assert "0 photos never sent deleted." in capsys.readouterr().out


def test_a_sign_in_that_lasts_longer_than_a_day_keeps_its_photo_that_long(private_files, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * HOUR
    kept = put(private_files, "contributions/pending/kept.jpg", hours_old=48)
    gone = put(private_files, "contributions/pending/gone.jpg", hours_old=73)
    assert services.pending_photos_purge() == 1
    assert kept.exists()
    assert not gone.exists()


def test_a_flow_whose_photo_was_cleared_away_says_so_and_still_sends_the_words(
    client_for, young_person: Person, organisation: Organisation, private_files
):
    # Given a young person who added a photo, then left it for two days
    initiative = InitiativeFactory(organisation=organisation)
    client = client_for(young_person)

    def step(name: str) -> str:
        return reverse(name, args=[organisation.slug])

    client.get(step("voice:contribution-give") + f"?initiative={initiative.public_id}")
    client.post(step("voice:contribution-give-kind"), {"kind": "idea"})
    client.post(step("voice:contribution-give-words"), {"text": "Swings for older children"})
    client.post(step("voice:contribution-give-photo"), {"image": image_upload()})
    client.post(step("voice:contribution-give-name"), {"anonymity": "nobody"})
    (waiting,) = (private_files / "contributions" / "pending").iterdir()
    then = time.time() - 48 * HOUR
    os.utime(waiting, (then, then))
    # When the purge has run and they come back to check their answers
    assert services.pending_photos_purge(now=dt.datetime.now(dt.UTC)) == 1
    check = client.get(step("voice:contribution-give-check")).content.decode()
    # Then the page no longer says a photo is added, and sending stores the words alone
    assert "Added" not in check
    response = client.post(step("voice:contribution-give-check"), {"idempotency_key": uuid.uuid4()})
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.text == "Swings for older children"
    assert not contribution.image
