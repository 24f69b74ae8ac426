"""The audit events the initiatives domain writes, in the plain words the audit trail shows.

Loaded from InitiativesConfig.ready; ``audit_record`` refuses a name nobody registered.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

# Sessions and attendance -------------------------------------------------------------------
for action, label in [
    ("initiatives.session.record", _("Recorded a session")),
    ("initiatives.session.view", _("Looked at who came to a session")),
    ("initiatives.attendance.record", _("Added someone to a session")),
    ("initiatives.attendance.change", _("Changed someone's minutes at a session")),
    ("initiatives.attendance.remove", _("Took someone off a session")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("initiatives.session", _("A session")),
    ("initiatives.attendance", _("Someone's attendance at a session")),
]:
    audit_events.register_target(object_type, label)
