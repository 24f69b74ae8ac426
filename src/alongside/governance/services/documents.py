"""The optional files beside a board's terms of reference and a meeting's papers. The web
page comes first (ADR 26); a PDF is only ever as well, for the version a council signs or
prints. Each is checked to be a PDF, kept in private storage (no URL), and replaced whole: the
one it replaces is deleted once the new one is committed."""

from __future__ import annotations

from django.core.files import File
from django.db import transaction

from alongside.accounts.actor import Actor, require
from alongside.core.audit import audit_record
from alongside.core.errors import ValidationFailed
from alongside.core.files import check_document, private_storage
from alongside.governance.models import Board, Paper
from alongside.governance.rules import BOARD_MANAGE
from alongside.governance.services.attendance import locked_meeting


def _forget_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage().delete(name))


@transaction.atomic
def board_terms_file_set(*, actor: Actor, board: Board, document: File[bytes]) -> Board:
    """Keep ``document`` as the board's terms of reference file, in place of any before."""
    require(actor, BOARD_MANAGE, board.organisation)
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.closed_at is not None:
        raise ValidationFailed("This board has closed, so its terms of reference cannot change.")
    check_document(document, field="document")
    old = board.terms_file.name or ""
    board.terms_file.save(f"terms-{board.public_id}.pdf", document, save=False)
    board.save(update_fields=["terms_file", "updated_at"])
    _forget_after_commit(old)
    audit_record(
        action="governance.board.terms_file",
        summary="Added the terms of reference as a file",
        actor_id=actor.person_id,
        organisation_id=board.organisation_id,
        target=board,
        data={"replaced": bool(old)},
    )
    return board


@transaction.atomic
def paper_file_set(*, actor: Actor, paper: Paper, document: File[bytes]) -> Paper:
    """Keep ``document`` as the paper's file, in place of any before, until the meeting ends."""
    meeting = locked_meeting(actor, paper.meeting)
    if meeting.status in ("closed", "cancelled"):
        raise ValidationFailed("This meeting is over, so its papers cannot change.")
    paper = Paper.objects.get(pk=paper.pk, meeting=meeting)
    check_document(document, field="document")
    old = paper.file.name or ""
    paper.file.save(f"paper-{paper.public_id}.pdf", document, save=False)
    paper.save(update_fields=["file", "updated_at"])
    _forget_after_commit(old)
    audit_record(
        action="governance.paper.file",
        summary=f"Added a file to the paper: {paper.title}",
        actor_id=actor.person_id,
        organisation_id=meeting.board.organisation_id,
        target=paper,
        data={"meeting": str(meeting.public_id), "replaced": bool(old)},
    )
    return paper
