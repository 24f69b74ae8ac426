"""The audit events the credits domain writes, in the plain words the audit trail shows.

Loaded from CreditsConfig.ready, with the rules.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("credits.rules.change", _("Changed the rules for time credits")),
    ("credits.earning.approve", _("Approved time credits")),
    ("credits.earning.decline", _("Did not credit someone's time")),
    ("credits.earning.reverse", _("Took back time credits given by mistake")),
    ("credits.adjust", _("Issued or adjusted someone's time credits")),
    ("credits.claim.send", _("Claimed time credits")),
    ("credits.claim.decide", _("Decided a claim for time credits")),
    ("credits.gift", _("Gave time credits to someone else")),
    ("credits.pot.change", _("Changed a group's pot of credits")),
    ("credits.partner.change", _("Changed a reward partner")),
    ("credits.reward.change", _("Changed a reward")),
    ("credits.milestone.change", _("Changed a milestone")),
    ("credits.redeem", _("Took a reward with time credits")),
    ("credits.voucher.use", _("Marked a voucher used")),
    ("credits.voucher.cancel", _("Cancelled a voucher and gave the credits back")),
]:
    audit_events.register(action, label)
