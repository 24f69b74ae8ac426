"""The audit events the safeguarding domain writes. None of their summaries or data carries a
concern's words or the name of the young person it is about."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("safeguarding.concern.raise", _("Raised a safeguarding concern")),
    ("safeguarding.concern.view", _("Looked at a safeguarding concern")),
    ("safeguarding.concern.acknowledge", _("Picked up a safeguarding concern")),
    ("safeguarding.concern.respond", _("Wrote what to tell the young person")),
    ("safeguarding.concern.share", _("Shared the response with the young person")),
    ("safeguarding.concern.close", _("Closed a safeguarding concern")),
    ("safeguarding.concern.escalate", _("Told the admins about a concern not picked up")),
]:
    audit_events.register(action, label)

audit_events.register_target("safeguarding.concern", _("A safeguarding concern"))
