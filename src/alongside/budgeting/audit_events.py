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
    ("budgeting.station.cancel", _("Cancelled a polling station before it opened")),
    ("budgeting.paper.resolve", _("Decided what a held paper ballot says")),
    # Setting up a round (services/rounds.py)
    ("budgeting.round.about", _("Changed what a youth budget round is and its budget")),
    ("budgeting.round.areas", _("Changed the areas of a youth budget round")),
    ("budgeting.round.dates", _("Changed the dates of a youth budget round")),
    ("budgeting.round.eligibility", _("Changed who may vote in a youth budget round")),
    ("budgeting.round.ballot", _("Changed how a youth budget round is voted on and counted")),
    ("budgeting.round.proposers", _("Changed who may put forward ideas in a youth budget round")),
    ("budgeting.round.stage", _("Moved a youth budget round to its next stage")),
]:
    audit_events.register(action, label)

# Delivery of funded projects
for action, label in [
    ("budgeting.milestone.add", _("Added a step to a funded project")),
    ("budgeting.milestone.done", _("Marked a step of a funded project done")),
    ("budgeting.project.delivered", _("Said a funded project is finished")),
]:
    audit_events.register(action, label)

# Ideas, proposals and the feasibility panel
for action, label in [
    ("budgeting.proposal.create", _("Turned ideas into a youth budget project")),
    ("budgeting.proposal.update", _("Changed a youth budget project")),
    ("budgeting.proposal.cost_add", _("Added a cost to a youth budget project")),
    ("budgeting.proposal.cost_remove", _("Took a cost off a youth budget project")),
    ("budgeting.proposal.photo_add", _("Added a photo to a youth budget project")),
    ("budgeting.proposal.submit", _("Sent a youth budget project to be checked")),
    ("budgeting.panel.add", _("Put someone on a feasibility panel")),
    ("budgeting.panel.remove", _("Took someone off a feasibility panel")),
    ("budgeting.conflict.declare", _("Declared an interest in a youth budget project")),
    ("budgeting.proposal.check", _("Checked whether a youth budget project can go forward")),
    ("budgeting.proposal.withdraw", _("Withdrew a youth budget project")),
    ("budgeting.proposal.check_reopen", _("Reopened the check of a youth budget project")),
    ("budgeting.proposal.demo_load", _("Loaded the demo's youth budget projects")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("budgeting.proposal", _("A youth budget project")),
    ("budgeting.panelmember", _("A feasibility panel member")),
]:
    audit_events.register_target(object_type, label)

# Close, seal, count and results (services/results.py)
for action, label in [
    ("budgeting.round.close", _("Closed voting and sealed the ballots")),
    ("budgeting.round.count_retry", _("Asked for a failed count to be tried again")),
    ("budgeting.round.publish", _("Published a youth budget round's results")),
    ("budgeting.round.deliver", _("Started delivering a round's funded projects")),
    ("budgeting.round.finish", _("Closed a youth budget round")),
]:
    audit_events.register(action, label)

audit_events.register(
    "budgeting.round.import", _("Loaded a past youth budget round from a Pabulib file")
)
