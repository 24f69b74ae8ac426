"""The audit events the accounts domain writes, in the plain words the audit trail page shows.

Loaded from AccountsConfig.ready; ``audit_record`` refuses a name nobody registered (in demo
and tests), so a typo cannot slip into the trail.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alongside.core.audit import audit_events

for action, label in [
    ("accounts.organisation.create", _("Set up the organisation")),
    ("accounts.organisation.youth_offer_set", _("Changed the age the youth offer runs to")),
    ("accounts.person.create", _("Added a person")),
    ("accounts.person.view", _("Looked at a person's details")),
    ("accounts.person.export", _("Downloaded their own data")),
    ("accounts.person.deletion_request", _("Asked for their account to be deleted")),
    ("accounts.person.erase", _("Deleted a person's account")),
    ("accounts.staff.invite", _("Invited a member of staff")),
    ("accounts.staff.invitation_emailed", _("Emailed an invitation to a member of staff")),
    ("accounts.staff.invitation_accept", _("Accepted an invitation to a staff role")),
    ("accounts.staff.invitation_cancel", _("Cancelled an invitation to a staff role")),
    ("accounts.staff.invitations_purge", _("Deleted old staff invitations")),
    ("accounts.person.remove", _("Removed someone from the organisation")),
    ("accounts.email.verification_emailed", _("Emailed a link to check an email address")),
    ("accounts.email.verify", _("Checked their email address")),
    ("accounts.membership.grant", _("Gave someone a role")),
    ("accounts.membership.revoke", _("Took a role away from someone")),
    ("accounts.consent.give", _("Recorded consent")),
    ("accounts.consent.withdraw", _("Withdrew consent")),
    ("accounts.consent.link_create", _("Made a consent link for a parent or carer")),
    ("accounts.consent.link_email_queued", _("Asked for a consent link to be emailed")),
    ("accounts.consent.link_emailed", _("Emailed a consent link to a parent or carer")),
    ("accounts.consent.own_asked", _("Was asked, at 13, to make their own consent choices")),
    (
        "accounts.consent.parents_superseded",
        _("Their own consent replaced what their parent or carer agreed to"),
    ),
    ("accounts.person.aged_out", _("Became a community member, past the youth offer's age")),
    ("accounts.person.aged_out_told", _("Was told they are now a community member")),
    ("accounts.person.youth_offer_extended", _("Changed how long their youth offer lasts")),
    ("accounts.join_code.create", _("Made a join code")),
    ("accounts.join_code.revoke", _("Stopped a join code working")),
    ("accounts.join", _("Joined with a code")),
    ("accounts.reset_code.create", _("Made a passphrase reset code")),
    ("accounts.reset_code.redeem", _("Changed their passphrase with a reset code")),
    ("accounts.sign_in", _("Signed in")),
    ("accounts.sign_in_failed", _("Someone failed to sign in to this account")),
    ("accounts.sign_out", _("Signed out")),
    ("accounts.api_token.create", _("Made an API token")),
    ("accounts.api_token.revoke", _("Revoked an API token")),
]:
    audit_events.register(action, label)

# What events are about, where the trail page has no name to show. A person is shown by name
# to those who may see the organisation's people (accounts.selectors.audit_names).
for object_type, label in [
    ("accounts.organisation", _("The organisation")),
    ("accounts.joincode", _("A join code")),
    ("accounts.apitoken", _("An API token")),
    ("accounts.staffinvitation", _("A staff invitation")),
    ("accounts.person", _("A person")),
]:
    audit_events.register_target(object_type, label)
