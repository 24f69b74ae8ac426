from __future__ import annotations

import datetime as dt
import uuid
from typing import Self

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts import ages
from alongside.accounts.roles import Role
from alongside.core.models import BaseModel, OrganisationScopedQuerySet, TenantQuerySet


class Organisation(BaseModel):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        SCHOOL = "school", _("School")
        YOUTH_ORGANISATION = "youth_organisation", _("Youth organisation")
        HEALTH_SERVICE = "health_service", _("Health service")
        PROVIDER = "provider", _("Provider")

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    area = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # A young person older than this becomes a community member here (docs/adr/0012).
    youth_offer_upper_age = models.PositiveSmallIntegerField(
        default=ages.DEFAULT_YOUTH_OFFER_UPPER_AGE
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    youth_offer_upper_age__gte=ages.LOWEST_YOUTH_OFFER_UPPER_AGE,
                    youth_offer_upper_age__lte=ages.EXTENDED_YOUTH_OFFER_UPPER_AGE,
                ),
                name="accounts_organisation_youth_offer_age_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A way to sign in. What a person *is* lives on Person; many people never sign in."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="accounts_user_email_unique"
            )
        ]


class PersonQuerySet(TenantQuerySet["Person"]):
    def for_organisation(self, organisation: Organisation) -> Self:
        """People belong to an organisation through their memberships."""
        return self.filter(
            pk__in=Membership.objects.filter(organisation=organisation).values("person_id")
        )


class Person(BaseModel):
    class Kind(models.TextChoices):
        YOUNG_PERSON = "young_person", _("Young person")
        PARENT_CARER = "parent_carer", _("Parent or carer")
        COMMUNITY_MEMBER = "community_member", _("Community member")
        PROFESSIONAL = "professional", _("Professional")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # Shown to others; a pseudonym is welcome. A young person's real name is never stored.
    display_name = models.CharField(max_length=60)
    # Month and year only: enough to know the age band and whether a parent must consent.
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    contact_email = models.EmailField(blank=True)
    user = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    created_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deletion_requested_at = models.DateTimeField(null=True, blank=True)
    # Erased people keep an anonymous row, so what they took part in still adds up.
    erased_at = models.DateTimeField(null=True, blank=True)
    # Set by staff for a care leaver or a young person with SEND: their youth offer runs to 25.
    # Why is not stored; only that it applies.
    youth_offer_extended = models.BooleanField(default=False)
    # When they were first asked, at 13 or over, to give their own consent in place of their
    # parent's; they are sent to that page once.
    own_consent_asked_at = models.DateTimeField(null=True, blank=True)
    # When they passed the youth offer's upper age somewhere, and when they were told.
    aged_out_at = models.DateTimeField(null=True, blank=True)
    aged_out_told_at = models.DateTimeField(null=True, blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12),
                name="accounts_person_birth_month_valid",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def age_on(self, day: dt.date) -> int | None:
        return ages.age_on(self.birth_month, self.birth_year, day)

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    def needs_parental_consent_on(self, day: dt.date) -> bool:
        return ages.needs_parental_consent(
            is_young_person=self.kind == self.Kind.YOUNG_PERSON,
            birth_month=self.birth_month,
            birth_year=self.birth_year,
            day=day,
        )

    @property
    def needs_parental_consent(self) -> bool:
        return self.needs_parental_consent_on(timezone.localdate())

    def youth_offer_upper_age_in(self, organisation: Organisation) -> int:
        if self.youth_offer_extended:
            return max(organisation.youth_offer_upper_age, ages.EXTENDED_YOUTH_OFFER_UPPER_AGE)
        return organisation.youth_offer_upper_age

    @property
    def can_sign_in(self) -> bool:
        return self.user_id is not None


class Membership(BaseModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "role"], name="accounts_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} in {self.organisation_id}"


class ConsentQuerySet(OrganisationScopedQuerySet["Consent"]):
    def in_force(self) -> ConsentQuerySet:
        """Neither withdrawn nor replaced by the person's own choice."""
        return self.filter(withdrawn_at__isnull=True, superseded_at__isnull=True)


class Consent(BaseModel):
    class Purpose(models.TextChoices):
        TAKE_PART = "take_part", _("Taking part online")
        CONTACT = "contact", _("Being contacted")
        PHOTOS = "photos", _("Photos and video")
        SHARE_ANONYMISED = "share_anonymised", _("Sharing anonymised data")

    class GivenBy(models.TextChoices):
        SELF = "self", _("The person themselves")
        PARENT_ONLINE = "parent_online", _("Parent or carer, online")
        PARENT_FORM = "parent_form", _("Parent or carer, on a signed form seen by a worker")

    class Relationship(models.TextChoices):
        PARENT = "parent", _("Parent")
        CARER = "carer", _("Carer")
        GUARDIAN = "guardian", _("Guardian")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(max_length=30, choices=Purpose.choices)
    given_by = models.CharField(max_length=30, choices=GivenBy.choices)
    given_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The signed-in parent or carer who gave it through a consent link: the only tie between
    # a parent's account and their child's consent, so they can see and withdraw it.
    given_by_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consents_given_for_others",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who gave a parent's consent online, in their own words. Personal data about the parent:
    # kept here, where access is controlled, and never copied into the audit trail.
    given_by_name = models.CharField(max_length=100, blank=True)
    given_by_relationship = models.CharField(
        max_length=20, choices=Relationship.choices, blank=True
    )
    given_by_relationship_other = models.CharField(max_length=60, blank=True)
    # A parent's consent ends when the young person, at 13 or over, gives their own choices;
    # superseded_by is their consent to the same purpose, empty if they chose not to agree.
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "purpose"],
                condition=Q(withdrawn_at__isnull=True, superseded_at__isnull=True),
                name="accounts_consent_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_given_by_display()})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None and self.superseded_at is None


class JoinCode(BaseModel):
    """A short code a worker gives a group so young people or parents can make an account.

    A code with ``claim_person`` set is an invitation for one person a worker recorded offline
    to claim that record as their own sign-in.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_codes"
    )
    code = models.CharField(max_length=20, unique=True)
    label = models.CharField(max_length=80)
    role = models.CharField(
        max_length=30,
        choices=[
            (Role.YOUNG_PERSON, Role.YOUNG_PERSON.label),
            (Role.PARENT_CARER, Role.PARENT_CARER.label),
        ],
    )
    expires_at = models.DateTimeField()
    max_uses = models.PositiveIntegerField()
    uses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    claim_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="claim_codes"
    )

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(uses__lte=models.F("max_uses")), name="accounts_joincode_uses_limit"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.uses >= self.max_uses:
            return "used up"
        if self.expires_at <= timezone.now():
            return "expired"
        return "active"


class ParentConsentRequest(BaseModel):
    """A link a parent or carer opens to agree to their child taking part."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Empty until the secret exists: an emailed link's secret is made by the background task
    # that sends it, so the readable secret is never stored, not even in the task queue.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # Only while an email is waiting to be sent; cleared when it has gone.
    send_to = models.EmailField(blank=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Set when the child's record is erased: the link stops working and no email is sent.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = OrganisationScopedQuerySet.as_manager()


class ResetCode(BaseModel):
    """A one-time code a worker gives a young person who has forgotten their passphrase."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")


class ApiToken(BaseModel):
    """A secret an integration sends as ``Authorization: Bearer``; it acts as the person who
    made it, with their roles in this one organisation only."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class StaffInvitation(BaseModel):
    """An invitation, sent by email, to take a staff role in an organisation.

    Nothing is given until the person it was sent to accepts it through the link: a new
    colleague chooses a password then, and someone who already has an account signs in as
    themselves. So the inviter learns nothing about whether the address has an account.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff_invitations"
    )
    email = models.EmailField(max_length=150)
    display_name = models.CharField(max_length=60)
    role = models.CharField(max_length=30, choices=Role.choices)
    # Empty until the email is sent: the background task makes the secret, so the readable
    # secret is never stored, not even in the task queue.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    expires_at = models.DateTimeField()
    # Set when accepted, or when a newer invitation for the same address and role replaced it.
    used_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # An admin took it back before it was accepted; used_at is set too, so the link stops working.
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                "role",
                condition=Q(used_at__isnull=True),
                name="accounts_staffinvitation_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.get_role_display()}"
