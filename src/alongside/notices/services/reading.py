"""A person marks their own notices as read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.core.audit import audit_record
from alongside.core.errors import NotPermitted
from alongside.notices.models import Notice
from alongside.notices.rules import OWN_NOTICES


@transaction.atomic
def notices_mark_read(*, actor: Actor, up_to: int | None = None) -> int:
    """Mark the actor's unread notices as read, up to the newest one they were shown
    (``up_to``, a notice's id), so one that arrived since stays new; return how many.

    One guarded update: pressing the button twice, or on two pages, marks each notice once.
    """
    if not actor.can(OWN_NOTICES) or actor.person is None:
        raise NotPermitted("Sign in to see your notices.")
    unread = Notice.objects.filter(person=actor.person, read_at__isnull=True)
    if up_to is not None:
        unread = unread.filter(pk__lte=up_to)
    marked = unread.update(read_at=timezone.now())
    if marked:
        audit_record(
            action="notices.notice.read_all",
            summary="Notices marked as read",
            actor_id=actor.person_id,
            target=actor.person,
            data={"notices": marked},
        )
    return marked
