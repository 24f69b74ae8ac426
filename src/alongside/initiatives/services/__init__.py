"""Every change to initiatives data goes through a function here (one module per sub-area);
this package is the surface other domains and the views call."""

# Sessions and attendance
from alongside.initiatives.services.sessions import (
    attendance_record,
    attendance_record_new_person,
    attendance_remove,
    session_record,
    session_record_view,
)

__all__ = [
    # Sessions and attendance
    "attendance_record",
    "attendance_record_new_person",
    "attendance_remove",
    "session_record",
    "session_record_view",
]
