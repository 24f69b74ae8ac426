"""Every change to voice data goes through a function here: one module per sub-area
(contributions; themes and answers). This package is the surface other domains call."""

from alongside.voice.services.answers import answer_give
from alongside.voice.services.contributions import (
    contribution_edit,
    contribution_hide,
    contribution_list_log_view,
    contribution_log_view,
    contribution_publish,
    contribution_record,
    contribution_submit,
    contribution_withdraw,
    status_for,
)
from alongside.voice.services.photos import PENDING_PHOTOS, pending_photos_purge, photo_storage
from alongside.voice.services.theme_counts import theme_published_counts_repair
from alongside.voice.services.themes import (
    contribution_theme_add,
    contribution_theme_remove,
    theme_create,
    theme_describe,
    theme_rename,
)

__all__ = [
    "PENDING_PHOTOS",
    "answer_give",
    "contribution_edit",
    "contribution_hide",
    "contribution_list_log_view",
    "contribution_log_view",
    "contribution_publish",
    "contribution_record",
    "contribution_submit",
    "contribution_theme_add",
    "contribution_theme_remove",
    "contribution_withdraw",
    "pending_photos_purge",
    "photo_storage",
    "status_for",
    "theme_create",
    "theme_describe",
    "theme_published_counts_repair",
    "theme_rename",
]
