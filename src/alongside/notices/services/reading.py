"""A person marks their own notices as read: all of them, or one by opening it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor
from alongside.core.audit import audit_record
from alongside.core.errors import NotFound, NotPermitted
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


@transaction.atomic
def notice_open(*, actor: Actor, notice_id: int) -> Notice:
    """The actor opened one of their notices: it is read from now on. Opened again, or after
    "Mark all as read", nothing changes: one guarded update, audited only when it marked it.
    Someone else's notice, or none with this id, is not found (never told apart)."""
    if not actor.can(OWN_NOTICES) or actor.person is None:
        raise NotPermitted("Sign in to see your notices.")
    notice = Notice.objects.filter(pk=notice_id, person=actor.person).first()
    if notice is None:
        raise NotFound("You have no notice at this address.")
    now = timezone.now()
    marked = Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
    if marked:
        notice.read_at = now
        audit_record(
            action="notices.notice.read",
            summary="Notice opened",
            actor_id=actor.person_id,
            target=notice,
        )
    return notice
