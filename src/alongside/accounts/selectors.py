"""Every read of accounts data, scoped to an organisation. Views never touch ``objects``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.accounts import ages
from alongside.accounts.models import (
    ApiToken,
    Consent,
    JoinCode,
    Membership,
    Organisation,
    Person,
    StaffInvitation,
    User,
)
from alongside.accounts.roles import Role
from alongside.core.errors import NotFound
from alongside.core.models import AuditEvent
from alongside.core.selectors import get_in_organisation


def organisation_get(*, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise NotFound("There is no organisation at this address.")
    return organisation


def organisations_public() -> QuerySet[Organisation]:
    return Organisation.objects.only("slug", "name", "kind", "area").order_by("name")


def people_for_organisation(
    *,
    organisation: Organisation,
    role: str = "",
    search: str = "",
    awaiting_parental_consent: bool = False,
    deletion_requested: bool = False,
) -> QuerySet[Person]:
    memberships = Membership.objects.for_organisation(organisation)
    if role:
        memberships = memberships.filter(role=role)
    people: QuerySet[Person] = Person.objects.filter(pk__in=memberships.values("person_id"))
    if search:
        people = people.filter(display_name__icontains=search.strip())
    if awaiting_parental_consent:
        people = _awaiting_parental_consent(organisation, people)
    if deletion_requested:
        people = people.filter(deletion_requested_at__isnull=False)
    return people.order_by("display_name", "pk")


def _awaiting_parental_consent(
    organisation: Organisation, people: QuerySet[Person]
) -> QuerySet[Person]:
    """Young people here who need a parent's consent (under 13, or birth not known) and do not
    have it."""
    young = Membership.objects.for_organisation(organisation).filter(role=Role.YOUNG_PERSON)
    parent_consented = (
        Consent.objects.in_force()
        .for_organisation(organisation)
        .filter(purpose=Consent.Purpose.TAKE_PART)
        .exclude(given_by=Consent.GivenBy.SELF)
    )
    return (
        people.filter(pk__in=young.values("person_id"))
        .filter(ages.needs_parental_consent_q(timezone.localdate()))
        .exclude(pk__in=parent_consented.values("person_id"))
    )


def person_get(*, organisation: Organisation, public_id: str) -> Person:
    return get_in_organisation(
        Person.objects.select_related("user"),
        organisation=organisation,
        public_id=public_id,
        not_found="That person is not part of this organisation.",
    )


def memberships_of(*, organisation: Organisation, person: Person) -> QuerySet[Membership]:
    return Membership.objects.for_organisation(organisation).filter(person=person).order_by("role")


def membership_get(*, organisation: Organisation, pk: int) -> Membership:
    return get_in_organisation(
        Membership.objects.select_related("person"),
        organisation=organisation,
        pk=pk,
        not_found="That role is not in this organisation.",
    )


def roles_by_person(*, organisation: Organisation, people: list[Person]) -> dict[int, list[str]]:
    """One query for the roles of a page of people."""
    roles: dict[int, list[str]] = {}
    for person_id, role in (
        Membership.objects.for_organisation(organisation)
        .filter(person__in=people)
        .values_list("person_id", "role")
        .order_by("role")
    ):
        roles.setdefault(person_id, []).append(str(Role(role).label))
    return roles


def consents_of(*, organisation: Organisation, person: Person) -> QuerySet[Consent]:
    return (
        Consent.objects.for_organisation(organisation)
        .filter(person=person)
        .order_by("withdrawn_at", "-given_at")
    )


def consent_get(*, organisation: Organisation, pk: int) -> Consent:
    return get_in_organisation(
        Consent.objects.select_related("person"),
        organisation=organisation,
        pk=pk,
        not_found="That consent record is not in this organisation.",
    )


def own_consents(*, person: Person) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(person=person)
        .select_related("organisation")
        .order_by("organisation__name", "withdrawn_at", "purpose")
    )


def own_consent_get(*, person: Person, pk: int) -> Consent:
    consent = Consent.objects.filter(person=person, pk=pk).select_related("organisation").first()
    if consent is None:
        raise NotFound("That consent record is not yours.")
    return consent


def consents_given_for_others(*, person: Person) -> QuerySet[Consent]:
    """Consents a parent or carer gave for their child while signed in, by child and
    organisation, those in force first.

    Once the child's account is erased, its consents (withdrawn by the erasure) are not shown.
    """
    return (
        Consent.objects.filter(given_by_person=person, person__erased_at__isnull=True)
        .exclude(person=person)
        .select_related("person", "organisation")
        .order_by(
            "person__display_name", "person_id", "organisation__name", "withdrawn_at", "purpose"
        )
    )


def consent_given_for_other_get(*, person: Person, pk: int) -> Consent:
    consent = consents_given_for_others(person=person).filter(pk=pk).first()
    if consent is None:
        raise NotFound("That consent record is not one you gave.")
    return consent


def own_email_address(*, person: Person) -> EmailAddress | None:
    """The address a person gave, verified or waiting for them to open our link."""
    if person.user_id is None:
        return None
    return EmailAddress.objects.filter(user_id=person.user_id).order_by("-primary", "pk").first()


def own_memberships(*, person: Person) -> QuerySet[Membership]:
    return Membership.objects.filter(person=person).select_related("organisation")


def join_codes_for_organisation(*, organisation: Organisation) -> QuerySet[JoinCode]:
    return (
        JoinCode.objects.for_organisation(organisation)
        .filter(claim_person__isnull=True)
        .order_by("-created_at")
    )


def join_code_get(*, organisation: Organisation, pk: int) -> JoinCode:
    return get_in_organisation(
        JoinCode,
        organisation=organisation,
        pk=pk,
        not_found="That join code is not in this organisation.",
    )


def api_tokens_for_organisation(*, organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_organisation(organisation).select_related("person")


def api_token_get(*, organisation: Organisation, pk: int) -> ApiToken:
    return get_in_organisation(
        ApiToken,
        organisation=organisation,
        pk=pk,
        not_found="That token is not in this organisation.",
    )


@dataclass(frozen=True)
class OrganisationSummary:
    young_people: int
    parents: int
    staff: int
    awaiting_parental_consent: int
    active_join_codes: int
    deletion_requests: int


def organisation_summary(*, organisation: Organisation) -> OrganisationSummary:
    """Counts for the staff home page, in a fixed number of queries however large the org."""
    by_role = dict(
        Membership.objects.for_organisation(organisation)
        .values_list("role")
        .annotate(n=Count("person_id", distinct=True))
        .values_list("role", "n")
    )
    awaiting = _awaiting_parental_consent(organisation, Person.objects.all()).count()
    active_codes = (
        JoinCode.objects.for_organisation(organisation)
        .filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), claim_person__isnull=True)
        .count()
    )
    staff = sum(
        n for role, n in by_role.items() if role not in (Role.YOUNG_PERSON, Role.PARENT_CARER)
    )
    return OrganisationSummary(
        young_people=by_role.get(Role.YOUNG_PERSON, 0),
        parents=by_role.get(Role.PARENT_CARER, 0),
        staff=staff,
        awaiting_parental_consent=awaiting,
        active_join_codes=active_codes,
        deletion_requests=people_for_organisation(
            organisation=organisation, deletion_requested=True
        ).count(),
    )


def _audit_events_of(organisation: Organisation) -> QuerySet[AuditEvent]:
    """Events in this organisation, plus its members' own events that belong to no organisation
    (signing in and out, downloading their data, asking for deletion)."""
    members = Membership.objects.for_organisation(organisation).values("person_id")
    return AuditEvent.objects.filter(
        Q(organisation_id=organisation.pk) | Q(organisation_id__isnull=True, actor_id__in=members)
    )


def audit_events_for_organisation(
    *, organisation: Organisation, action: str = "", object_id: str = ""
) -> QuerySet[AuditEvent]:
    events = _audit_events_of(organisation)
    if action:
        events = events.filter(action=action)
    if object_id:
        events = events.filter(object_id=object_id)
    # Sequences are per chain and this page mixes two, so newest written first.
    return events.order_by("-id")


def audit_actions_for_organisation(*, organisation: Organisation) -> list[str]:
    return list(
        _audit_events_of(organisation)
        .order_by("action")
        .values_list("action", flat=True)
        .distinct()
    )


def audit_names(*, organisation: Organisation, person_ids: set[int]) -> dict[int, str]:
    """What a page of this organisation's audit trail calls each person, in one query.

    Members are shown by display name and an erased person as "Deleted account"; anyone else
    (who has left, or belongs elsewhere) is not named here.
    """
    membership = Membership.objects.for_organisation(organisation).filter(person=OuterRef("pk"))
    names: dict[int, str] = {}
    for pk, display_name, erased_at, is_member in (
        Person.objects.filter(pk__in=person_ids)
        .annotate(is_member=Exists(membership))
        .values_list("pk", "display_name", "erased_at", "is_member")
    ):
        if erased_at is not None:
            names[pk] = _("Deleted account")
        elif is_member:
            names[pk] = display_name
        else:
            names[pk] = _("Someone who is not in this organisation")
    return names


def consented_people(*, organisation: Organisation, people: list[Person]) -> set[int]:
    """Which of a page of people may take part here now, in one query.

    Consent a child under 13 gave themselves does not count; only a parent's does.
    """
    needs_parent = {p.pk for p in people if p.needs_parental_consent}
    return {
        person_id
        for person_id, given_by in Consent.objects.in_force()
        .for_organisation(organisation)
        .filter(person__in=people, purpose=Consent.Purpose.TAKE_PART)
        .values_list("person_id", "given_by")
        if ages.consent_counts(
            needs_parental_consent=person_id in needs_parent,
            given_by_self=given_by == Consent.GivenBy.SELF,
        )
    }


def account_for_email(email: str) -> User | None:
    """The account an address signs in to: its own email, or an address checked as its own.

    An address someone typed and never checked belongs to nobody yet.
    """
    verified = EmailAddress.objects.filter(email__iexact=email, verified=True).values("user_id")
    return (
        User.objects.filter(Q(email__iexact=email) | Q(pk__in=verified))
        .select_related("person")
        .first()
    )


def is_staff_account(user: User) -> bool:
    person = getattr(user, "person", None)
    return person is not None and person.kind == Person.Kind.PROFESSIONAL


def staff_invitations_waiting(*, organisation: Organisation) -> QuerySet[StaffInvitation]:
    """Invitations sent and not yet accepted, replaced or expired.

    All look the same, whoever the address belongs to: one sent to a young person's address
    waits here until it expires, like any other nobody accepts.
    """
    return StaffInvitation.objects.for_organisation(organisation).filter(
        used_at__isnull=True, expires_at__gt=timezone.now()
    )


def young_people_past_youth_offer(
    *, organisation: Organisation, upper_age: int | None = None, day: dt.date | None = None
) -> QuerySet[Person]:
    """Young people here who are past its youth offer on ``day`` (today): at its own upper age,
    or at ``upper_age`` to see what changing it would do."""
    day = day or timezone.localdate()
    upper_age = organisation.youth_offer_upper_age if upper_age is None else upper_age
    return (
        Person.objects.filter(
            erased_at__isnull=True,
            memberships__organisation=organisation,
            memberships__role=Role.YOUNG_PERSON,
        )
        .filter(ages.past_youth_offer_q(upper_age, day))
        .distinct()
    )


def staff_invitation_waiting_get(
    *, organisation: Organisation, invitation_id: int
) -> StaffInvitation:
    return get_in_organisation(
        StaffInvitation,
        organisation=organisation,
        not_found="This invitation has been accepted, replaced, cancelled or has expired.",
        pk=invitation_id,
        used_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
