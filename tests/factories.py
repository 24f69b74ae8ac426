"""factory_boy factories and small builders for tests (and benchmarks)."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from alongside.accounts import codes
from alongside.accounts.actor import Actor, actor_for_person
from alongside.accounts.models import (
    Consent,
    JoinCode,
    Membership,
    Organisation,
    Person,
    User,
)
from alongside.accounts.roles import EMAIL_SIGNIN_ROLES, PARTICIPANT_ROLES, Role

PASSWORD = "correct horse battery staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.YOUTH_ORGANISATION
    area = "Riverside"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = ""
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    kind = Person.Kind.YOUNG_PERSON
    display_name = factory.Sequence(lambda n: f"Person {n}")
    birth_year = 2010
    birth_month = 1
    user = factory.SubFactory(UserFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.YOUNG_PERSON


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    purpose = Consent.Purpose.TAKE_PART
    given_by = Consent.GivenBy.SELF


class JoinCodeFactory(factory.django.DjangoModelFactory):
    """A working join code for young people: 30 uses, 14 days. Override to expire or use up."""

    class Meta:
        model = JoinCode

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.LazyFunction(codes.new_code)
    label = factory.Sequence(lambda n: f"Group {n}")
    role = Role.YOUNG_PERSON
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    max_uses = 30
    uses = 0


def birth_for_age(age: int) -> dict[str, int]:
    """``birth_month`` and ``birth_year`` for someone exactly ``age`` today (born in January)."""
    return {"birth_month": 1, "birth_year": timezone.localdate().year - age}


def actor(person: Person, **kwargs: object) -> Actor:
    """The actor a request by ``person`` would get (built fresh, as each request does)."""
    return actor_for_person(person, **kwargs)  # type: ignore[arg-type]


def offline_person(
    organisation: Organisation,
    *,
    role: str = Role.YOUNG_PERSON,
    age: int | None = 15,
    **kwargs: object,
) -> Person:
    """Someone a worker recorded face to face: a membership, no sign-in, no consent yet."""
    role = Role(role)
    if role == Role.PARENT_CARER:
        kwargs.setdefault("kind", Person.Kind.PARENT_CARER)
        age = None
    birth = birth_for_age(age) if age is not None else {"birth_month": None, "birth_year": None}
    for key, value in birth.items():
        kwargs.setdefault(key, value)
    kwargs.setdefault("user", None)
    person = PersonFactory(**kwargs)
    Membership.objects.create(person=person, organisation=organisation, role=role)
    return person


def give_totp(person: Person) -> str:
    """Set up an authenticator app for a staff member; return its secret."""
    assert person.user is not None
    secret = generate_totp_secret()
    TOTP.activate(person.user, secret)
    return secret


def person_with_role(role: str, organisation: Organisation, **kwargs: object) -> Person:
    """A person holding ``role`` in ``organisation``, able to sign in.

    Staff get a verified email and TOTP (``with_totp=False`` to skip); participants get consent
    to take part (``consent=False`` to skip), from a parent's form when under 13. ``age=12``
    sets the month and year of birth.
    """
    role = Role(role)
    if role in EMAIL_SIGNIN_ROLES:
        kwargs.setdefault("kind", Person.Kind.PROFESSIONAL)
        kwargs.setdefault("birth_year", None)
        kwargs.setdefault("birth_month", None)
    elif role == Role.PARENT_CARER:
        kwargs.setdefault("kind", Person.Kind.PARENT_CARER)
        kwargs.setdefault("birth_year", None)
        kwargs.setdefault("birth_month", None)
    elif role == Role.COMMUNITY_MEMBER:
        # A young person who has passed the youth offer's upper age.
        kwargs.setdefault("kind", Person.Kind.COMMUNITY_MEMBER)
        kwargs.setdefault("age", 22)
    age = kwargs.pop("age", None)
    if age is not None:
        for key, value in birth_for_age(int(age)).items():  # type: ignore[call-overload]
            kwargs.setdefault(key, value)
    with_totp = kwargs.pop("with_totp", role in EMAIL_SIGNIN_ROLES)
    consent = kwargs.pop("consent", role in PARTICIPANT_ROLES)
    person = PersonFactory(**kwargs)
    if role in EMAIL_SIGNIN_ROLES and person.user:
        person.user.email = f"{person.user.username}@example.org"
        person.user.save(update_fields=["email"])
        EmailAddress.objects.create(
            user=person.user, email=person.user.email, primary=True, verified=True
        )
    Membership.objects.create(person=person, organisation=organisation, role=role)
    if with_totp and person.user:
        give_totp(person)
    if consent:
        Consent.objects.create(
            person=person,
            organisation=organisation,
            purpose=Consent.Purpose.TAKE_PART,
            given_by=(
                Consent.GivenBy.PARENT_FORM
                if person.needs_parental_consent
                else Consent.GivenBy.SELF
            ),
        )
    return person
