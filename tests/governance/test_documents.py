"""The PDF beside a board's terms of reference and a meeting paper: only a real PDF is kept,
a new one replaces the old (which is deleted once committed), and it is read through a view
that asks the policy, never by a URL of its own."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alongside.core.audit import AuditEvent
from alongside.core.errors import ValidationFailed
from alongside.core.files import private_storage
from alongside.governance.models import Board, Paper
from alongside.governance.services import documents
from tests import factories
from tests.governance.factories import BoardFactory, MeetingFactory
from tests.governance.factories_planning import PaperFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name: str = "terms.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _clerk(board: Board):  # type: ignore[no-untyped-def]
    return factories.person_with_role("worker", board.organisation)


def test_a_clerk_adds_the_terms_as_a_pdf_and_a_new_one_replaces_it(
    django_capture_on_commit_callbacks,
):
    board = BoardFactory()
    actor = factories.actor(_clerk(board))
    documents.board_terms_file_set(actor=actor, board=board, document=_pdf())
    board.refresh_from_db()
    first = board.terms_file.name
    assert private_storage().exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        documents.board_terms_file_set(
            actor=actor, board=board, document=_pdf(content=PDF + b"% two\n")
        )
    board.refresh_from_db()
    assert board.terms_file.read() == PDF + b"% two\n"
    assert board.terms_file.name != first
    assert not private_storage().exists(first)
    assert AuditEvent.objects.filter(action="governance.board.terms_file").count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_pdf("evil.pdf", b"<html><script>alert(1)</script>"), "must be a PDF"),
        (_pdf("big.pdf", PDF + b"0" * (10 * 1024 * 1024)), "smaller than 10 MB"),
    ],
)
def test_what_is_not_a_small_pdf_is_refused_and_nothing_is_kept(upload, message):
    board = BoardFactory()
    with pytest.raises(ValidationFailed, match=message):
        documents.board_terms_file_set(
            actor=factories.actor(_clerk(board)), board=board, document=upload
        )
    board.refresh_from_db()
    assert not board.terms_file
    assert not AuditEvent.objects.filter(action="governance.board.terms_file").exists()


def test_a_paper_file_is_refused_once_the_meeting_is_over():
    meeting = MeetingFactory(status="cancelled")
    paper = PaperFactory(meeting=meeting)
    with pytest.raises(ValidationFailed, match="meeting is over"):
        documents.paper_file_set(
            actor=factories.actor(_clerk(meeting.board)), paper=paper, document=_pdf()
        )
    assert not Paper.objects.get(pk=paper.pk).file


def test_the_upload_page_takes_a_pdf_and_refuses_anything_else_in_our_words(client):
    board = BoardFactory()
    client.force_login(_clerk(board).user)
    url = reverse("governance:board-terms-file", args=[board.organisation.slug, board.public_id])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"document": _pdf("notes.pdf", b"just words")})
    assert "The file must be a PDF" in refused.content.decode()
    empty = client.post(url, {})
    assert "Choose a PDF file" in empty.content.decode()
    assert client.post(url, {"document": _pdf()}).status_code == 302
    board.refresh_from_db()
    assert board.terms_file


def test_a_member_downloads_a_published_papers_file_and_not_an_unpublished_one(client):
    meeting = MeetingFactory()
    paper = PaperFactory(meeting=meeting, title="Budget plan")
    paper.file.save("paper-test.pdf", ContentFile(PDF), save=True)
    member = factories.person_with_role("young_person", meeting.board.organisation)
    client.force_login(member.user)
    url = reverse(
        "governance:paper-download",
        args=[meeting.board.organisation.slug, meeting.public_id, paper.public_id],
    )
    assert client.get(url).status_code == 404
    meeting.papers_published_at = meeting.starts_at
    meeting.save(update_fields=["papers_published_at"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "budget-plan.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
