"""Money as people read it: integer pence shown as "£3,000" or "£3,000.50".

Pure Python, so the rules words of a youth budget round (which import no Django) and the
Jinja ``money`` filter (``govuk.jinja_helpers.format_money``) read a sum the same way."""

from __future__ import annotations


def format_pence(pence: int) -> str:
    """Whole pounds without pence, else two decimals: £3,000, £3,000.50, £0.05."""
    sign = "-" if pence < 0 else ""
    pounds, rest = divmod(abs(pence), 100)
    text = f"£{pounds:,}" if rest == 0 else f"£{pounds:,}.{rest:02d}"
    return sign + text


def pounds_text(pence: int, *, whole_without_pence: bool = False) -> str:
    """Pence as a plain decimal in pounds, for files and form boxes: "3000.00", "12.50"
    ("3000" for whole pounds with ``whole_without_pence``, as a form box shows it)."""
    pounds, rest = divmod(pence, 100)
    if whole_without_pence and rest == 0:
        return str(pounds)
    return f"{pounds}.{rest:02d}"
