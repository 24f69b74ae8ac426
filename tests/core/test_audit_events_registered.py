"""Every audit event the code can write is registered by its domain, even on paths no test runs
(audit_record refuses an unregistered name, but only when the call actually happens)."""

from __future__ import annotations

import ast
from pathlib import Path

from alongside.core.audit import audit_events

SRC = Path(__file__).resolve().parents[2] / "src" / "alongside"


def recorded_actions() -> dict[str, str]:
    """Each literal ``action=`` passed to ``audit_record`` in src, with where it is."""
    found: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else ""
            if name != "audit_record":
                continue
            for keyword in node.keywords:
                if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                    found[str(keyword.value.value)] = f"{path.relative_to(SRC)}:{node.lineno}"
    return found


def test_every_action_written_in_src_is_registered() -> None:
    actions = recorded_actions()
    assert "accounts.person.view" in actions  # the scan finds the calls at all
    missing = {action: where for action, where in actions.items() if action not in audit_events}
    assert missing == {}, "register these in the domain's audit_events.py"
