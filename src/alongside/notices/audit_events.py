"""The audit events the notices domain writes, in the plain words the audit trail page shows.

Loaded from NoticesConfig.ready, like every domain's.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("notices.notice.read_all", _("Marked their notices as read")),
    ("notices.notice.read", _("Opened one of their notices")),
    ("notices.digest.send", _("Sent someone their daily message about new notices")),
]:
    audit_events.register(action, label)
audit_events.register_target("notices.digest", _("A daily message about new notices"))
audit_events.register_target("notices.notice", _("A notice"))
