"""Accounts pages, one module per sub-area. Each view asks the policy (``requires``),
validates a form and calls a service."""
