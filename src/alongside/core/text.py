"""Plain-text emails from Jinja templates (autoescaping is for HTML, not for email bodies)."""

from __future__ import annotations

from typing import Any

from django.template.loader import get_template


def render_text(template_name: str, context: dict[str, Any]) -> str:
    return str(get_template(template_name).render(context)).strip() + "\n"
