"""Every change to voice data goes through a function here: one module per sub-area
(contributions; themes and answers). This package is the surface other domains call."""

from alongside.voice.services.contributions import (
    check_image,
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

# >>> themes and answers: imports below this line
# <<< themes and answers

__all__ = [
    "check_image",
    "contribution_edit",
    "contribution_hide",
    "contribution_list_log_view",
    "contribution_log_view",
    "contribution_publish",
    "contribution_record",
    "contribution_submit",
    "contribution_withdraw",
    "status_for",
    # >>> themes and answers: names below this line
    # <<< themes and answers
]
