"""The home domain's rows of the permission matrix and page sweep (see tests/matrix.py)."""

from __future__ import annotations

from tests.matrix import Row

MATRIX_ROWS = [
    Row("home:index", sweep_as=("anonymous", "young_person", "org_admin")),
    Row("home:healthz", page=False),
    Row("home:privacy"),
    Row("home:accessibility"),
    Row("home:cookies"),
    Row("home:demo-mail"),
    Row("home:language", lambda w: {"code": "cy"}, page=False),
]
