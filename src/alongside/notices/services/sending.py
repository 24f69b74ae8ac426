"""Telling a person something. Domains call ``notice_send`` (imported as
``alongside.notices.services.notice_send``); the notice shows in the product at once, and the
daily digest (for people who gave a checked email address and agreed to be contacted) gathers
what they have not read."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from alongside.accounts.models import Organisation, Person
from alongside.notices.models import Notice


@transaction.atomic
def notice_send(
    *,
    person: Person,
    kind: str,
    text: str,
    event_key: str,
    url: str = "",
    organisation: Organisation | None = None,
) -> Notice | None:
    """Tell ``person`` once about the event ``event_key`` names (``"voice.answer:<id>"``).

    Returns the notice, or None if they were already told about this event: two answers
    saved at once, or a task run twice, never tell anyone twice. ``text`` is shown as written,
    and is copied into the daily digest's email: it must be the product's own words ("Your
    idea got an answer"), never anything another person wrote; it is cut to 300 characters.
    ``url`` is a path in the product, with nothing personal in it. Someone whose account was
    erased is told nothing.
    """
    if person.erased_at is not None:
        return None
    try:
        with transaction.atomic():
            return Notice.objects.create(
                person=person,
                organisation=organisation,
                kind=kind,
                text=text[:300],
                url=url,
                event_key=event_key,
            )
    except IntegrityError:
        return None
