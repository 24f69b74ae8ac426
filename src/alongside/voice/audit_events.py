"""The audit events the voice domain writes, in the plain words the audit trail page shows.

Loaded from VoiceConfig.ready; ``audit_record`` refuses a name nobody registered.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

# Themes and answers
for action, label in [
    ("voice.theme.create", _("Made a theme")),
    ("voice.theme.rename", _("Renamed a theme")),
    ("voice.theme.describe", _("Changed what a theme is about")),
    ("voice.theme.add", _("Put a contribution in a theme")),
    ("voice.theme.remove", _("Took a contribution out of a theme")),
    ("voice.answer.give", _("Answered a contribution or a theme")),
    ("voice.contribution.export", _("Downloaded the contributions and their answers")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("voice.theme", _("A theme")),
    ("voice.answer", _("An answer")),
    ("voice.contribution", _("A contribution")),
]:
    audit_events.register_target(object_type, label)
