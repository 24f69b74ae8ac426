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
