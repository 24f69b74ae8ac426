"""How much text a value may hold: forms and API schemas take their limits from here, so an
input box and its database column cannot drift apart."""

from __future__ import annotations

from django.db import models

# Passwords and one-time codes are hashed, not stored, so no column limits them; this only
# stops a script from sending a megabyte to hash. It is far above what anyone types or a
# password manager makes.
SECRET_MAX_LENGTH = 1000

# PostgreSQL cannot store a NUL character in text, and no person types one: it only arrives
# pasted from a broken file or sent by a script.
NUL = "\x00"


def column_length(model: type[models.Model], *names: str) -> int:
    """The longest text that fits every one of the model's columns ``names``."""
    lengths = [getattr(model._meta.get_field(name), "max_length", None) for name in names]
    if not all(isinstance(length, int) for length in lengths):
        raise ValueError(f"{model.__name__} {names}: every column needs a max_length")
    return min(int(length) for length in lengths if length)
