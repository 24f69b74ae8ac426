"""Growing up: at 13 a young person gives their own consent in place of their parent's; past the
youth offer's upper age they become a community member. Decided in docs/adr/0012."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from alongside.accounts import ages, selectors
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Consent, Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.accounts.rules import ORGANISATION_SETTINGS, YOUTH_OFFER_EXTEND
from alongside.accounts.services.consent import own_consents_replace_parents
from alongside.accounts.services.guards import require_member
from alongside.core.audit import audit_record
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed

# Turning 13 --------------------------------------------------------------------------------


def own_consent_asked(*, actor: Actor) -> None:
    """Remember that they have been shown the page, so they are sent to it only once."""
    person = actor.person
    if person is None:
        return
    with transaction.atomic():
        asked = Person.objects.filter(pk=person.pk, own_consent_asked_at__isnull=True).update(
            own_consent_asked_at=timezone.now()
        )
        if asked:
            audit_record(
                action="accounts.consent.own_asked",
                summary="Asked, at 13 or over, to give their own consent",
                actor_id=person.pk,
                target=person,
            )


@transaction.atomic
def own_consent_give(
    *, actor: Actor, organisation: Organisation, purposes: Iterable[str]
) -> list[Consent]:
    """A young person of 13 or over makes their own choices; their parent's consents here end.

    Each parent's consent is marked superseded, pointing to the young person's own consent to
    the same purpose, or to nothing where they chose not to agree. A parent's consent is never
    silently kept alongside the young person's own.
    """
    person = actor.person
    if person is None:
        raise NotPermitted("Sign in to give your consent.")
    if person.needs_parental_consent:
        raise NotPermitted("Until you are 13, a parent or carer agrees for you.")
    purposes = [Consent.Purpose(purpose) for purpose in purposes]
    if Consent.Purpose.TAKE_PART not in purposes:
        raise ValidationFailed(
            "Tick 'Taking part online' to keep using Alongside.", field="purposes"
        )
    parents_take_part = (
        Consent.objects.in_force()
        .filter(person=person, organisation=organisation, purpose=Consent.Purpose.TAKE_PART)
        .exclude(given_by=Consent.GivenBy.SELF)
        .select_for_update()
        .first()
    )
    # Locked, so a second press of the button waits, then finds it superseded.
    if parents_take_part is None:
        raise Conflict("You have already given your own consent here.")
    own = own_consents_replace_parents(
        person=person,
        organisation=organisation,
        purposes=purposes,
        recorded_by=person,
        end_the_rest=True,
    )
    Person.objects.filter(pk=person.pk, own_consent_asked_at__isnull=True).update(
        own_consent_asked_at=timezone.now()
    )
    return [consent for consent, _created in own]


# Leaving the youth offer -------------------------------------------------------------------


def past_youth_offer(person: Person, organisation: Organisation, day: dt.date) -> bool:
    return ages.is_older_than(
        person.youth_offer_upper_age_in(organisation),
        person.birth_month,
        person.birth_year,
        day,
    )


def age_out_due(actor: Actor, day: dt.date | None = None) -> bool:
    """Whether a visit should move them on, from what the actor already holds (no queries)."""
    person = actor.person
    if person is None or person.kind != Person.Kind.YOUNG_PERSON:
        return False
    day = day or timezone.localdate()
    return any(
        m.role == Role.YOUNG_PERSON and past_youth_offer(person, m.organisation, day)
        for m in actor.memberships
    )


@transaction.atomic
def person_age_out(*, person: Person, day: dt.date | None = None) -> list[Organisation]:
    """Make a young person past an organisation's youth offer a community member there.

    Their record, consents and history stay as they are; only the role changes. Safe to run
    any number of times, from a visit or from `alongside people age-out`.
    """
    day = day or timezone.localdate()
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        return []
    young = list(
        Membership.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(person=person, role=Role.YOUNG_PERSON)
    )
    moved = [m for m in young if past_youth_offer(person, m.organisation, day)]
    for membership in moved:
        organisation = membership.organisation
        already = Membership.objects.filter(
            person=person, organisation=organisation, role=Role.COMMUNITY_MEMBER
        ).exists()
        if already:  # the row is locked: nobody else can be moving it now
            membership.delete()
        else:
            Membership.objects.filter(pk=membership.pk).update(
                role=Role.COMMUNITY_MEMBER, updated_at=timezone.now()
            )
        audit_record(
            action="accounts.person.aged_out",
            summary="Passed the youth offer's upper age; now a community member",
            organisation_id=organisation.pk,
            target=person,
            data={"upper_age": person.youth_offer_upper_age_in(organisation)},
        )
    if moved:
        person.aged_out_at = timezone.now()
        person.aged_out_told_at = None
        if len(moved) == len(young):
            person.kind = Person.Kind.COMMUNITY_MEMBER
        person.save(update_fields=["aged_out_at", "aged_out_told_at", "kind", "updated_at"])
    return [m.organisation for m in moved]


def people_age_out(
    *, day: dt.date | None = None, organisations: Iterable[Organisation] | None = None
) -> int:
    """Move on everyone past the youth offer, for people who do not visit. Returns how many."""
    day = day or timezone.localdate()
    moved = 0
    for organisation in Organisation.objects.all() if organisations is None else organisations:
        for person in selectors.young_people_past_youth_offer(organisation=organisation, day=day):
            if person_age_out(person=person, day=day):
                moved += 1
    return moved


@transaction.atomic
def organisation_youth_offer_set(
    *, actor: Actor, organisation: Organisation, upper_age: int
) -> int:
    """An admin sets the age young people take part until here; returns how many young people
    it moved on to community members at once (lowering it). Raising it moves nobody back: a
    community member who is young enough again is given the young person role by staff.
    """
    require(actor, ORGANISATION_SETTINGS, organisation)
    low, high = ages.LOWEST_YOUTH_OFFER_UPPER_AGE, ages.EXTENDED_YOUTH_OFFER_UPPER_AGE
    if not low <= upper_age <= high:
        raise ValidationFailed(
            f"The age must be a whole number from {low} to {high}.", field="upper_age"
        )
    # Locked, so two admins changing it at once are applied one after the other.
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = locked.youth_offer_upper_age
    if before == upper_age:
        return 0
    Organisation.objects.filter(pk=locked.pk).update(
        youth_offer_upper_age=upper_age, updated_at=timezone.now()
    )
    organisation.youth_offer_upper_age = upper_age
    audit_record(
        action="accounts.organisation.youth_offer_set",
        summary=f"Youth offer's upper age changed from {before} to {upper_age}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=organisation,
        data={"from": before, "to": upper_age},
    )
    return people_age_out(organisations=[organisation]) if upper_age < before else 0


@transaction.atomic
def aged_out_told(*, actor: Actor) -> None:
    """They have seen the page saying they are now a community member."""
    person = actor.person
    if person is None:
        return
    told = Person.objects.filter(
        pk=person.pk, aged_out_at__isnull=False, aged_out_told_at__isnull=True
    ).update(aged_out_told_at=timezone.now())
    if told:
        audit_record(
            action="accounts.person.aged_out_told",
            summary="Told they are now a community member",
            actor_id=person.pk,
            target=person,
        )


@transaction.atomic
def person_youth_offer_extend(
    *, actor: Actor, organisation: Organisation, person: Person, extended: bool
) -> Person:
    """Staff record that a care leaver's or a young person with SEND's youth offer runs to 25.

    The reason is not asked for or stored: only that the extension applies.
    """
    require(actor, YOUTH_OFFER_EXTEND, organisation)
    require_member(person, organisation)
    if person.kind != Person.Kind.YOUNG_PERSON:
        raise ValidationFailed("Only a young person's youth offer can be extended.")
    updated = Person.objects.filter(pk=person.pk).exclude(youth_offer_extended=extended)
    if updated.update(youth_offer_extended=extended, updated_at=timezone.now()):
        audit_record(
            action="accounts.person.youth_offer_extended",
            summary=("Youth offer extended to 25" if extended else "Youth offer extension ended"),
            actor_id=actor.person_id,
            organisation_id=organisation.pk,
            target=person,
            data={"extended": extended},
        )
    person.refresh_from_db()
    return person
