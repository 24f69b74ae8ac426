"""The audit events the initiatives domain writes, in the plain words the audit trail shows.

Loaded from InitiativesConfig.ready, with the rules and the navigation.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("initiatives.initiative.create", _("Started setting up an initiative")),
    ("initiatives.initiative.update", _("Changed an initiative's details")),
    ("initiatives.initiative.forms", _("Changed an initiative's forms of co-production")),
    ("initiatives.initiative.decision", _("Said who decides and what can change")),
    ("initiatives.initiative.dates", _("Changed an initiative's dates")),
    ("initiatives.initiative.ladder", _("Said which rung of Hart's ladder an initiative is on")),
    ("initiatives.initiative.moderation", _("Changed when what people say is checked")),
    ("initiatives.team.add", _("Added someone to an initiative's team")),
    ("initiatives.team.remove", _("Took someone off an initiative's team")),
    ("initiatives.checklist.answer", _("Answered a checklist question")),
    ("initiatives.initiative.open", _("Opened an initiative")),
    ("initiatives.initiative.deciding", _("Moved an initiative to deciding")),
    ("initiatives.initiative.delivering", _("Moved an initiative to delivering")),
    ("initiatives.initiative.feedback", _("Recorded feedback to the young people involved")),
    ("initiatives.initiative.close", _("Closed an initiative")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("initiatives.initiative", _("An initiative")),
    ("initiatives.teammember", _("A place on an initiative's team")),
    ("initiatives.checklistanswer", _("A checklist answer")),
]:
    audit_events.register_target(object_type, label)

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
