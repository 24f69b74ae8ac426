"""The spreadsheet (CSV) of an organisation's contributions and their current answers.

It is written as it is read: one query, read in chunks (``iterator``), each row turned into a
line and handed to the response, so memory stays the same for 100 rows or a million.

What it holds, and why:

- Every contribution is a row, so the numbers add up with the pages. Its status says where it
  stands.
- Its words only when published or waiting to be checked. Words held for a person to look at
  (contact details, or what may be a disclosure of harm), hidden by a moderator, or withdrawn
  by their author are left out: a spreadsheet travels further than the product, and a possible
  disclosure belongs with the safeguarding lead, not in a file.
- The author's display name only where they chose "staff can see my name"; blank where they
  chose "nobody".
- A cell that starts with = + - @ (or a tab or carriage return) gets a ' in front, so a
  spreadsheet shows it as text and never runs it as a formula (CSV injection).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils import timezone

from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Organisation
from alongside.core.audit import audit_record
from alongside.core.spreadsheets import csv_lines
from alongside.voice import selectors_answers as selectors
from alongside.voice.models import Answer, Contribution
from alongside.voice.rules import CONTRIBUTION_EXPORT
from alongside.voice.selectors import WORDS_LEAVE_THE_PRODUCT_FOR

CHUNK_SIZE = 2000

HEADER = [
    "Reference",
    "Initiative",
    "Kind",
    "Channel",
    "Status",
    "Submitted",
    "Text",
    "Author",
    "Answer status",
    "Answer",
    "Answered",
]

TEXT_EXPORTED_FOR = WORDS_LEAVE_THE_PRODUCT_FOR

_KINDS = dict(Contribution.Kind.choices)
_CHANNELS = dict(Contribution.Channel.choices)
_STATUSES = dict(Contribution.Status.choices)
_ANSWER_STATUSES = dict(Answer.Status.choices)


def _date(value: Any) -> str:
    return timezone.localtime(value).date().isoformat() if value else ""


# What each row reads: plain values, not model instances, so a row costs little to make.
FIELDS = (
    "public_id",
    "initiative__title",
    "kind",
    "channel",
    "status",
    "created_at",
    "text",
    "anonymity",
    "author__display_name",
    "answer_status",
    "answer_text",
    "answered_at",
)


def row_for(values: tuple[Any, ...]) -> list[str]:
    (
        public_id,
        initiative,
        kind,
        channel,
        status,
        created_at,
        text,
        anonymity,
        author,
        answer_status,
        answer_text,
        answered_at,
    ) = values
    cells = [
        str(public_id),
        initiative,
        str(_KINDS.get(kind, kind)),
        str(_CHANNELS.get(channel, channel)),
        str(_STATUSES.get(status, status)),
        _date(created_at),
        text if status in TEXT_EXPORTED_FOR else "",
        (author or "") if anonymity == Contribution.Anonymity.STAFF_ONLY else "",
        str(_ANSWER_STATUSES.get(answer_status, answer_status or "")),
        answer_text or "",
        _date(answered_at),
    ]
    return cells


def lines(rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
    """The CSV, line by line: a byte order mark (so Excel reads UTF-8), the header, the rows."""
    return csv_lines(HEADER, (row_for(values) for values in rows))


def contributions_export(*, actor: Actor, organisation: Organisation) -> Iterator[str]:
    """Check the actor may, record that they downloaded it, then give the lines to stream.

    The audit event is written (and committed) before the first line goes, so a download that
    is stopped half-way is still in the trail."""
    with transaction.atomic():
        require(actor, CONTRIBUTION_EXPORT, organisation)
        audit_record(
            action="voice.contribution.export",
            summary="Contributions and their answers downloaded",
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=organisation,
        )
    queryset = selectors.contributions_for_export(organisation=organisation)
    return lines(queryset.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE))
