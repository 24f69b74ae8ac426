"""The voice domain's pages: one module per sub-area (contributions; themes and answers)."""
