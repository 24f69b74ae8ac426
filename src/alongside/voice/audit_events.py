"""The audit events the voice domain writes, in the plain words the audit trail page shows.

Loaded from VoiceConfig.ready; ``audit_record`` refuses a name nobody registered (in demo and
tests), so a typo cannot slip into the trail.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("voice.contribution.submit", _("Gave an idea or view")),
    ("voice.contribution.record", _("Wrote down what someone said")),
    ("voice.contribution.publish", _("Published a contribution")),
    ("voice.contribution.hide", _("Hid a contribution")),
    ("voice.contribution.edit", _("Changed their own contribution")),
    ("voice.contribution.withdraw", _("Withdrew their own contribution")),
    ("voice.contribution.view", _("Looked at a contribution and who gave it")),
    ("voice.contribution.list_view", _("Looked at the list of contributions")),
    ("voice.contribution.photo_view", _("Looked at the photo with a contribution")),
    ("voice.contribution.demo_load", _("Loaded the demo's contributions")),
    ("voice.theme.create", _("Made a theme")),
    ("voice.theme.rename", _("Renamed a theme")),
    ("voice.theme.describe", _("Changed what a theme is about")),
    ("voice.theme.add", _("Put a contribution in a theme")),
    ("voice.theme.remove", _("Took a contribution out of a theme")),
    ("voice.theme.counts_repair", _("Put right the themes' counts of published contributions")),
    ("voice.answer.give", _("Answered a contribution or a theme")),
    ("voice.contribution.export", _("Downloaded the contributions and their answers")),
]:
    audit_events.register(action, label)

for object_type, label in [
    ("voice.contribution", _("A contribution")),
    ("voice.theme", _("A theme")),
    ("voice.answer", _("An answer")),
]:
    audit_events.register_target(object_type, label)
