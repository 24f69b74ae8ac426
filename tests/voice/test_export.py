"""The CSV of contributions and their answers: what it holds, that it is safe to open in a
spreadsheet, and that it streams in constant memory and a fixed number of queries."""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
import uuid
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.core.spreadsheets import excel_safe
from alongside.voice.exports import HEADER
from alongside.voice.models import Answer, Contribution
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def export_url(organisation) -> str:
    return reverse("voice:answer-export", args=[organisation.slug])


def read_csv(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 7700 900000", "'+44 7700 900000"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("A skate park", "A skate park"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_made_text(cell, safe):
    assert excel_safe(cell) == safe


def test_the_export_respects_anonymity_leaves_out_held_and_hidden_words_and_has_answers(
    organisation, client_for, worker, person_with_role
):
    # Given contributions from a named author, an anonymous one, held and hidden ones, a
    # formula, and one answered through its theme
    sam = person_with_role(Role.YOUNG_PERSON, display_name="Sam Jones")
    ash = person_with_role(Role.YOUNG_PERSON, display_name="Ash Patel")
    named = made.contribution(organisation, author=sam, text="Named words")
    anonymous = made.contribution(
        organisation,
        author=ash,
        text="Anonymous words",
        anonymity=Contribution.Anonymity.NOBODY,
    )
    held = made.contribution(
        organisation, author=sam, text="Call me on 07700 900000", status=Contribution.Status.HELD
    )
    hidden = made.contribution(
        organisation, author=sam, text="Hidden words", status=Contribution.Status.HIDDEN
    )
    formula = made.contribution(organisation, text="=1+1")
    theme = made.theme(organisation)
    made.in_theme(theme, named)
    made.answer(organisation, theme=theme, status=Answer.Status.CHANGED, text="=Lights in March")
    # When a worker downloads the export
    response = client_for(worker).get(export_url(organisation))
    # Then it is a CSV attachment, with a row for each
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = {row["Reference"]: row for row in read_csv(response)}
    assert list(next(iter(rows.values())).keys()) == HEADER
    assert len(rows) == 5
    # And names only where the author chose "staff only"
    assert rows[str(named.public_id)]["Author"] == "Sam Jones"
    assert rows[str(anonymous.public_id)]["Author"] == ""
    assert "Ash" not in str(rows)
    # And no words that are held or hidden, though their status shows
    assert rows[str(held.public_id)]["Text"] == ""
    assert rows[str(held.public_id)]["Status"] == "Held for a person to look at"
    assert rows[str(hidden.public_id)]["Text"] == ""
    assert "07700" not in str(rows)
    # And a formula is text, and the theme's answer is the named one's current answer
    assert rows[str(formula.public_id)]["Text"] == "'=1+1"
    assert rows[str(named.public_id)]["Answer status"] == "Changed something"
    assert rows[str(named.public_id)]["Answer"] == "'=Lights in March"
    assert rows[str(named.public_id)]["Answered"] == timezone.localdate().isoformat()
    assert rows[str(anonymous.public_id)]["Answer status"] == ""
    # And the download is in the audit trail
    assert AuditEvent.objects.filter(
        action="voice.contribution.export", actor_id=worker.pk
    ).exists()


def _many(organisation, count: int) -> None:
    """``count`` published ideas: one made through the ORM, the rest copied from it in one
    INSERT ... SELECT over a counted series, each with its own ids (far faster than making
    100,000 model objects in Python)."""
    initiative = made.initiative(organisation)
    author = made.contribution(organisation, initiative_=initiative).author
    first = Contribution.objects.create(
        organisation=organisation,
        initiative=initiative,
        author=author,
        kind=Contribution.Kind.IDEA,
        channel=Contribution.Channel.ONLINE,
        text="Idea number 0: more benches by the river and a place to keep bikes dry",
        status=Contribution.Status.PUBLISHED,
        anonymity=Contribution.Anonymity.NOBODY,
        idempotency_key=uuid.uuid4(),
    )
    if count == 1:
        return
    new_uuid = (
        "gen_random_uuid()" if connection.vendor == "postgresql" else "lower(hex(randomblob(16)))"
    )
    fresh = {
        "public_id": new_uuid,
        "idempotency_key": new_uuid,
        "text": "'Idea number ' || n.i || ': more benches by the river and a place to keep bikes "
        "dry'",
    }
    columns = [f.column for f in Contribution._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    table = quote(Contribution._meta.db_table)
    values = ", ".join(fresh.get(column, f"c.{quote(column)}") for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "  # noqa: S608 - names from the model
            f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
            f"SELECT {values} FROM n, {table} c WHERE c.id = %s",
            [count - 1, first.pk],
        )


def _consume(response) -> tuple[int, int, int]:
    """Read the stream: (lines, queries run while reading, peak memory in bytes)."""
    lines = 0
    with CaptureQueriesContext(connection) as queries:
        tracemalloc.start()
        try:
            for _chunk in response.streaming_content:
                lines += 1
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return lines, len(queries), peak


@pytest.mark.slow
def test_100000_rows_stream_in_constant_memory_and_a_fixed_number_of_queries(
    organisation, client_for, worker
):
    client = client_for(worker)
    # Given 10 contributions
    _many(organisation, 9)
    small = client.get(export_url(organisation))
    small_lines, small_queries, small_peak = _consume(small)
    assert small_lines == 1 + 10
    # When there are 100,000
    started = time.monotonic()
    _many(organisation, 100_000 - 10 - 1)
    Contribution.objects.filter(organisation=organisation).count()
    response = client.get(export_url(organisation))
    # Then the response is a stream, made as it is read
    assert response.streaming
    assert isinstance(response.streaming_content, Iterator)
    lines, queries, peak = _consume(response)
    assert lines == 1 + 100_000
    # And reading it ran no more queries than for 10 rows
    assert queries == small_queries
    # And memory stayed within a bound far below holding the rows (about 100 MB) or the file
    # (about 13 MB): a chunk of rows at a time
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB (10 rows: {small_peak / 1e6:.1f} MB)"
    print(f"100,000 rows in {time.monotonic() - started:.1f}s, peak {peak / 1e6:.1f} MB")
