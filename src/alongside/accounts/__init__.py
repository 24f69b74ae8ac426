"""Organisations, people, roles, consent and signing in: the model domain others copy."""
