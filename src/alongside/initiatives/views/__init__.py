"""The initiatives domain's pages: one module per sub-area (``initiatives``; ``sessions``)."""
