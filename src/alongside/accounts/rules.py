"""What each role may do in the accounts domain. The policy in core holds these; ask it."""

from __future__ import annotations

from alongside.accounts.roles import STAFF_ROLES, Role
from alongside.core.policy import Scope, policy

ADMIN = {Role.ORG_ADMIN}
PEOPLE_STAFF = {Role.ORG_ADMIN, Role.WORKER}

# Open to everyone.
PAGE_VIEW = policy.register(
    "core.page.view", scope=Scope.PUBLIC, description="Read public pages and sign in."
)
JOIN = policy.register(
    "accounts.join", scope=Scope.PUBLIC, description="Join with a code from a worker."
)
PARENT_CONSENT_GIVE = policy.register(
    "accounts.parent_consent.give",
    scope=Scope.PUBLIC,
    description="A parent or carer agrees, through the link they were given.",
)
RESET_WITH_CODE = policy.register(
    "accounts.passphrase.reset_with_code",
    scope=Scope.PUBLIC,
    description="Choose a new passphrase with a one-time code from a worker.",
)
EMAIL_VERIFY = policy.register(
    "accounts.email.verify",
    scope=Scope.PUBLIC,
    description="Show an email address is yours, through the link mailed to it.",
)
STAFF_INVITATION_ACCEPT = policy.register(
    "accounts.staff_invitation.accept",
    scope=Scope.PUBLIC,
    description="Accept an invitation to a staff role, through the link emailed to you.",
)

# About yourself.
OWN_ACCOUNT = policy.register(
    "accounts.own_account.manage",
    scope=Scope.SIGNED_IN,
    description="See and manage your own account, data, consents, sessions and security.",
)

CHILD_CONSENT_WITHDRAW = policy.register(
    "accounts.child_consent.withdraw",
    scope=Scope.SIGNED_IN,
    description="See and withdraw a consent you gave for your child while signed in.",
)

# Within an organisation.
ORGANISATION_VIEW = policy.register(
    "accounts.organisation.view",
    roles=set(Role),
    description="See the organisation's own page and what is happening in it.",
)
PEOPLE_VIEW = policy.register(
    "accounts.person.view",
    roles=PEOPLE_STAFF,
    description="See the people in the organisation and a person's details (logged).",
)
PERSON_CREATE = policy.register(
    "accounts.person.create",
    roles=PEOPLE_STAFF,
    description="Add someone who takes part offline, without a sign-in.",
)
PERSON_INVITE = policy.register(
    "accounts.person.invite",
    roles=PEOPLE_STAFF,
    description="Give an offline person a code to claim their record, or a reset code.",
)
CONSENT_RECORD = policy.register(
    "accounts.consent.record",
    roles=PEOPLE_STAFF,
    description="Record consent from a signed form, send a consent link, or record withdrawal.",
)
YOUTH_OFFER_EXTEND = policy.register(
    "accounts.person.youth_offer_extend",
    roles=PEOPLE_STAFF,
    description="Record that a care leaver's or a young person with SEND's youth offer runs to 25.",
)
MEMBERSHIP_MANAGE = policy.register(
    "accounts.membership.manage",
    roles=ADMIN,
    description="Give and take away roles in the organisation.",
)
PERSON_ERASE = policy.register(
    "accounts.person.erase",
    roles=ADMIN,
    description="Delete a young person's or parent's account and personal details.",
)
JOIN_CODE_MANAGE = policy.register(
    "accounts.join_code.manage",
    roles=PEOPLE_STAFF,
    description="Make and revoke join codes for groups.",
)
API_TOKEN_MANAGE = policy.register(
    "accounts.api_token.manage",
    roles=ADMIN,
    description="Make and revoke API tokens for integrations.",
)
ORGANISATION_SETTINGS = policy.register(
    "accounts.organisation.settings",
    roles=ADMIN,
    description="Change the organisation's settings, such as the age its youth offer runs to.",
)
AUDIT_VIEW = policy.register(
    "core.audit.view",
    roles=ADMIN,
    description="Browse the organisation's audit trail.",
)
STAFF_DASHBOARD = policy.register(
    "accounts.staff_dashboard.view",
    roles=STAFF_ROLES,
    description="See the organisation's staff overview (counts, no personal details).",
)
