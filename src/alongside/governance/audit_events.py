"""The audit events the governance domain writes, in the plain words the audit trail shows.

Loaded from GovernanceConfig.ready, with the rules.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("governance.board.create", _("Set up a board")),
    ("governance.board.update", _("Changed a board's details")),
    ("governance.board.quorum", _("Changed a board's quorum rule")),
    ("governance.board.close", _("Closed a board")),
    ("governance.seat.add", _("Added a seat to a board")),
    ("governance.seat.assign", _("Gave someone a seat on a board")),
    ("governance.seat.change", _("Changed a seat on a board")),
    ("governance.seat.vacate", _("Left a seat on a board empty")),
    ("governance.seat.remove", _("Took a seat off a board")),
    ("governance.glossary.change", _("Changed the glossary")),
    ("governance.call.open", _("Opened a call for board members")),
    ("governance.call.close", _("Closed a call for board members")),
    ("governance.application.send", _("Applied to join a board")),
    ("governance.application.withdraw", _("Withdrew an application to a board")),
    ("governance.application.decide", _("Decided an application to join a board")),
    ("governance.meeting.plan", _("Planned a board meeting")),
    ("governance.meeting.update", _("Changed a board meeting")),
    ("governance.meeting.cancel", _("Cancelled a board meeting")),
    ("governance.meeting.open", _("Started a board meeting")),
    ("governance.meeting.close", _("Finished a board meeting")),
    ("governance.papers.publish", _("Published a meeting's papers")),
    ("governance.paper.add", _("Added a meeting paper")),
    ("governance.paper.change", _("Changed a meeting paper")),
    ("governance.paper.file", _("Added a file to a meeting paper")),
    ("governance.board.terms_file", _("Added a board's terms of reference as a file")),
    ("governance.agenda.change", _("Changed a meeting's agenda")),
    ("governance.attendance.record", _("Recorded attendance at a board meeting")),
    ("governance.motion.propose", _("Recorded a motion")),
    ("governance.motion.withdraw", _("Recorded a motion withdrawn")),
    ("governance.motion.decide", _("Recorded the vote on a motion")),
    ("governance.motion.refused_inquorate", _("Refused a vote while the meeting was not quorate")),
    ("governance.minutes.draft", _("Drafted minutes")),
    ("governance.minutes.approve", _("Minutes approved by the next meeting")),
    ("governance.minutes.publish", _("Published minutes")),
    ("governance.action.add", _("Recorded an action")),
    ("governance.action.done", _("Marked an action done")),
    ("governance.question.send", _("Sent a private question about a meeting")),
    ("governance.question.reply", _("Replied to a private question about a meeting")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("governance.board", _("A board")),
    ("governance.seat", _("A seat on a board")),
    ("governance.glossaryterm", _("A glossary entry")),
    ("governance.call", _("A call for board members")),
    ("governance.application", _("An application to join a board")),
    ("governance.meeting", _("A board meeting")),
    ("governance.paper", _("A meeting paper")),
    ("governance.agendaitem", _("An agenda item")),
    ("governance.meetingattendance", _("Someone's attendance at a board meeting")),
    ("governance.motion", _("A motion")),
    ("governance.minutes", _("Minutes of a meeting")),
    ("governance.actionitem", _("An action from a meeting")),
    ("governance.briefingquestion", _("A private question about a meeting")),
]:
    audit_events.register_target(object_type, label)
