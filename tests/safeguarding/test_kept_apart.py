"""Concerns never reach a public, aggregate or export view because nothing else can read them:
only home (the leads' count) and config (the URLs) import the safeguarding package, and no
code outside it reaches the Concern table another way (its reverse accessor, the app
registry, or its table name in SQL)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import alongside
from alongside.safeguarding import forms
from alongside.safeguarding.models import Concern

SOURCE = Path(alongside.__file__).parent
ALLOWED = {"safeguarding", "home", "config"}
BACKDOORS = re.compile(
    r"\.concerns\b|get_model\(\s*['\"]safeguarding|safeguarding_concern|['\"]safeguarding\.Concern"
)


def _modules_outside() -> list[Path]:
    return [
        path
        for path in SOURCE.rglob("*.py")
        if path.relative_to(SOURCE).parts[0] not in ALLOWED and "migrations" not in path.parts
    ]


def _imports_safeguarding(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "alongside.safeguarding"
        ):
            return True
        if isinstance(node, ast.Import) and any(
            a.name.startswith("alongside.safeguarding") for a in node.names
        ):
            return True
    return False


def test_only_home_and_config_import_safeguarding() -> None:
    importers = [
        str(path.relative_to(SOURCE))
        for path in _modules_outside()
        if _imports_safeguarding(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert importers == [], f"Only home and config may import safeguarding: {importers}"


def test_no_code_outside_safeguarding_reads_concerns_another_way() -> None:
    found = [
        f"{path.relative_to(SOURCE)}: {match.group(0)}"
        for path in _modules_outside()
        for match in BACKDOORS.finditer(path.read_text(encoding="utf-8"))
    ]
    templates = [
        path for path in SOURCE.rglob("*.html") if path.relative_to(SOURCE).parts[0] not in ALLOWED
    ]
    found += [
        f"{path.relative_to(SOURCE)}: {m.group(0)}"
        for path in templates
        for m in re.finditer(r"\bconcerns?\.(text|about|raised_by|response)\b", path.read_text())
    ]
    assert found == [], f"Concerns are read only in alongside.safeguarding: {found}"


def test_home_reads_only_the_count_for_leads() -> None:
    home = (SOURCE / "home" / "views.py").read_text(encoding="utf-8")
    used = set(re.findall(r"safeguarding_selectors\.(\w+)", home))
    assert used <= {"waiting_for_leads"}, used


def test_every_text_box_holds_what_its_column_holds() -> None:
    columns = {
        (forms.TellUsForm, "text"): "text",
        (forms.RaiseForm, "text"): "text",
        (forms.RespondForm, "response"): "response",
        (forms.CloseForm, "note"): "close_note",
    }
    for (form_class, name), column in columns.items():
        field = form_class.base_fields[name]
        assert field.max_length == Concern._meta.get_field(column).max_length, (form_class, name)
