"""Every change to voice data goes through a function here: keyword-only, typed, one
transaction, with its audit event in that transaction."""

# Themes and answers
from alongside.voice.services.answers import answer_give
from alongside.voice.services.themes import (
    contribution_theme_add,
    contribution_theme_remove,
    theme_create,
    theme_describe,
    theme_rename,
)

__all__ = [
    # Themes and answers
    "answer_give",
    "contribution_theme_add",
    "contribution_theme_remove",
    "theme_create",
    "theme_describe",
    "theme_rename",
]
