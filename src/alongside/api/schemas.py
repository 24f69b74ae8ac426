"""The base of every schema the API reads: text fits its column and holds no NUL."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import field_validator

from alongside.core.limits import NUL

NUL_DETAIL = "Text must not contain the NUL character (\\u0000)"


class Input(Schema):
    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        # PostgreSQL cannot store it, and searching for it fails there: a 500, not an answer.
        if isinstance(value, str) and NUL in value:
            raise ValueError(NUL_DETAIL)
        return value
