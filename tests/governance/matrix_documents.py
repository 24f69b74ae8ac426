"""Governance's rows of the permission matrix for the PDF beside a board's terms of reference
and a meeting paper: adding one (staff) and downloading it (members; a paper only once
published)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.governance.matrix_planning import _board_args, _paper
from tests.matrix import Row as R
from tests.matrix import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(w: World) -> dict[str, Any]:
    return {"document": SimpleUploadedFile("terms.pdf", PDF, content_type="application/pdf")}


def _board_with_file(w: World) -> dict[str, Any]:
    found = _board_args(w)
    board = w.objects["planning_board"]
    board.terms_file.save("terms-matrix.pdf", ContentFile(PDF), save=True)
    return found


def _paper_with_file(w: World) -> dict[str, Any]:
    found = _paper(w)
    w.objects["planning_paper"].file.save("paper-matrix.pdf", ContentFile(PDF), save=True)
    return found


MATRIX_ROWS = [
    R("governance:board-terms-file", _board_args, body=_upload),
    R("governance:board-terms-download", _board_with_file, page=False),
    R("governance:paper-file", _paper, body=_upload),
    R("governance:paper-download", _paper_with_file, page=False),
]
