"""Photos a young person added in the give flow but never sent.

The give flow keeps a chosen photo in private storage under ``PENDING_PHOTOS`` (never in the
session) until the contribution is sent, when it is copied to the contribution and the waiting
copy deleted. A flow left half done leaves its photo behind: ``pending_photos_purge`` deletes
those older than a day (or than a sign-in can last, if longer), from
`alongside voice purge-pending-photos` on a schedule (docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import Storage
from django.utils import timezone

from alongside.voice.models import Contribution

PENDING_PHOTOS = "contributions/pending"
KEEP_AT_LEAST = dt.timedelta(days=1)


def photo_storage() -> Storage:
    """The private store contributions' photos live in (core/files.py): no URL serves it."""
    storage: Storage = Contribution._meta.get_field("image").storage
    return storage


def pending_photos_purge(*, now: dt.datetime | None = None) -> int:
    """Delete every waiting photo last written more than a day ago, or longer ago than a
    sign-in lasts (``SESSION_COOKIE_AGE``) if that is longer, so none still in a flow someone
    can finish goes; return how many. A photo deleted meanwhile by its flow is skipped, so
    two runs at once are safe. Nothing in the database refers to a waiting photo."""
    storage = photo_storage()
    keep = max(KEEP_AT_LEAST, dt.timedelta(seconds=int(settings.SESSION_COOKIE_AGE)))
    cut_off = (now or timezone.now()) - keep
    try:
        _dirs, names = storage.listdir(PENDING_PHOTOS)
    except FileNotFoundError:
        return 0
    purged = 0
    for name in sorted(names):
        path = f"{PENDING_PHOTOS}/{name}"
        try:
            if storage.get_modified_time(path) >= cut_off:
                continue
            storage.delete(path)
        except FileNotFoundError:
            continue
        purged += 1
    return purged
