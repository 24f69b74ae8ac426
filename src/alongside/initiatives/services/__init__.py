"""Every change to initiatives goes through a function here: one module per sub-area
(``initiatives``; ``sessions`` for sessions and attendance). This package is the surface other
domains and this domain's views call."""

from alongside.initiatives.services.initiatives import (
    checklist_answer_record,
    initiative_close,
    initiative_create,
    initiative_dates_set,
    initiative_deciding,
    initiative_decision_set,
    initiative_delivering,
    initiative_feedback_record,
    initiative_forms_set,
    initiative_ladder_set,
    initiative_moderation_set,
    initiative_open,
    initiative_update_about,
    missing_messages,
    team_member_add,
    team_member_remove,
)

# Sessions and attendance
from alongside.initiatives.services.sessions import (
    attendance_record,
    attendance_record_new_person,
    attendance_remove,
    session_record,
    session_record_view,
)

__all__ = [
    "attendance_record",
    "attendance_record_new_person",
    "attendance_remove",
    "checklist_answer_record",
    "initiative_close",
    "initiative_create",
    "initiative_dates_set",
    "initiative_deciding",
    "initiative_decision_set",
    "initiative_delivering",
    "initiative_feedback_record",
    "initiative_forms_set",
    "initiative_ladder_set",
    "initiative_moderation_set",
    "initiative_open",
    "initiative_update_about",
    "missing_messages",
    "session_record",
    "session_record_view",
    "team_member_add",
    "team_member_remove",
]
