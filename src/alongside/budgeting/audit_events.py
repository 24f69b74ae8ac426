"""The audit events youth budget rounds write, in the plain words the audit trail shows.

Loaded from BudgetingConfig.ready, with the permissions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("budgeting.round.create", _("Started setting up a youth budget round")),
    ("budgeting.station.check_in", _("Checked a voter in at a polling station")),
    ("budgeting.paper.enter", _("Entered a paper ballot")),
    ("budgeting.paper.confirm", _("Confirmed a paper ballot")),
    # Polling stations
    ("budgeting.station.open", _("Opened a polling station")),
    ("budgeting.station.close", _("Closed a polling station early")),
    ("budgeting.paper.resolve", _("Decided what a held paper ballot says")),
]:
    audit_events.register(action, label)

# Delivery of funded projects
for action, label in [
    ("budgeting.milestone.add", _("Added a step to a funded project")),
    ("budgeting.milestone.done", _("Marked a step of a funded project done")),
    ("budgeting.project.delivered", _("Said a funded project is finished")),
]:
    audit_events.register(action, label)
