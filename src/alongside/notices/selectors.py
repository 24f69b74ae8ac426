"""Reads for notices. A person's notices are read only by that person (scoped to them, not to
an organisation); the digest's reads are scoped to one person and one day."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, QuerySet

from alongside.accounts.models import Consent, Person
from alongside.notices.models import Notice


def own_notices(*, person: Person) -> QuerySet[Notice]:
    """Newest first; every column the page shows is on the row itself (one query a page)."""
    return Notice.objects.filter(person=person).order_by("-created_at", "-pk")


def newest_id(*, person: Person) -> int | None:
    return own_notices(person=person).values_list("pk", flat=True).first()


def unread_count(*, person_id: int) -> int:
    """For the header's badge: one query, however many notices there are."""
    return Notice.objects.filter(person_id=person_id, read_at__isnull=True).count()


def _contact_consent_in_force() -> Exists:
    """The notice's person has agreed, in the notice's organisation, to be contacted."""
    return Exists(
        Consent.objects.in_force().filter(
            person_id=OuterRef("person_id"),
            organisation_id=OuterRef("organisation_id"),
            purpose=Consent.Purpose.CONTACT,
        )
    )


def digest_due(*, person_id: int | None = None) -> QuerySet[Notice]:
    """Notices a digest may gather: unread, in no digest yet, for someone not erased who agreed
    to be contacted in the notice's organisation. A notice with no organisation has no consent
    to be contacted behind it, so it stays in the product only."""
    notices = Notice.objects.filter(
        read_at__isnull=True,
        sent_in__isnull=True,
        organisation__isnull=False,
        person__erased_at__isnull=True,
    ).filter(_contact_consent_in_force())
    if person_id is not None:
        notices = notices.filter(person_id=person_id)
    return notices


def people_with_digest_due() -> QuerySet[Person]:
    """Everyone a digest could go to today: something due, and a checked email address."""
    return (
        Person.objects.filter(pk__in=digest_due().values("person_id"))
        .filter(user__isnull=False)
        .filter(Exists(EmailAddress.objects.filter(user_id=OuterRef("user_id"), verified=True)))
        .order_by("pk")
    )


def verified_email(*, person: Person) -> str:
    """The address the person showed is theirs (allauth's verified address, the primary one
    first). ``Person.contact_email`` is typed in by staff and never checked, so it is not used."""
    if person.user_id is None:
        return ""
    address = (
        EmailAddress.objects.filter(user_id=person.user_id, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
        .first()
    )
    return address or ""
