"""Roles a person can hold in an organisation. A person may hold different roles in different
organisations, and more than one in the same organisation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", _("Organisation admin")
    WORKER = "worker", _("Participation worker")
    COMMISSIONER = "commissioner", _("Commissioner")
    COUNCILLOR = "councillor", _("Councillor")
    PROVIDER = "provider", _("Provider")
    # Reads safeguarding concerns, and only they do (Working Together to Safeguard Children).
    SAFEGUARDING_LEAD = "safeguarding_lead", _("Designated safeguarding lead")
    YOUNG_PERSON = "young_person", _("Young person")
    PARENT_CARER = "parent_carer", _("Parent or carer")
    # A young person past the youth offer's upper age keeps taking part as an adult.
    COMMUNITY_MEMBER = "community_member", _("Community member")
    # Checks and marks the vouchers of the reward partners they are linked to (time credits);
    # sees nothing else, so is not staff.
    REWARD_PARTNER = "reward_partner", _("Reward partner")


# Staff roles see other people's data, so they sign in with an email, a password and a second
# factor. Young people and parents join with a code and never need an email address.
STAFF_ROLES = frozenset(
    {
        Role.ORG_ADMIN,
        Role.WORKER,
        Role.COMMISSIONER,
        Role.COUNCILLOR,
        Role.PROVIDER,
        Role.SAFEGUARDING_LEAD,
    }
)
# Everyone who signs in with an email, a passphrase and a second factor, and so is invited by
# email: staff, and reward partners (who are not staff anywhere else).
EMAIL_SIGNIN_ROLES = STAFF_ROLES | {Role.REWARD_PARTNER}
PARTICIPANT_ROLES = frozenset({Role.YOUNG_PERSON, Role.PARENT_CARER, Role.COMMUNITY_MEMBER})
# Everyone who takes part in the organisation's work, staff and participants: what is shown to
# "everyone in the organisation" (its boards, its initiatives). Not its reward partners, who
# check vouchers and see nothing else.
MEMBER_ROLES = frozenset(Role) - {Role.REWARD_PARTNER}
# Join codes are handed out for these; a community member arrives by growing up.
JOIN_CODE_ROLES = frozenset({Role.YOUNG_PERSON, Role.PARENT_CARER})
