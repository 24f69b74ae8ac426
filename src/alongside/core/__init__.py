"""Shared ground every domain stands on: base models, errors, audit, the policy registry."""
