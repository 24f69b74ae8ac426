"""The audit events the decisions domain writes, in the plain words the audit trail shows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

DECISION_RECORDED = audit_events.register("decisions.decision.record", _("Recorded a decision"))
CITATION_ADDED = audit_events.register(
    "decisions.decision.cite", _("Added what young people said to a decision")
)
audit_events.register_target("decisions.decision", _("A decision"))
