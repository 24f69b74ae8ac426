"""Demo data for accounts: Riverside Council and its partners, built through the services so the
audit trail is real. Deterministic: the same seed gives the same people."""

from __future__ import annotations

import base64
import functools
import hashlib
import random
import time
from dataclasses import dataclass, field

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role

COUNCIL = "riverside-council"
STAFF_PASSWORD = "riverside-demo-staff"  # noqa: S105 - printed demo sign-in
YOUNG_PASSPHRASE = "purple river lantern"  # noqa: S105 - printed demo sign-in

# (slug, name, kind) — the council first; the others are its partners.
ORGANISATIONS = [
    (COUNCIL, "Riverside Council", Organisation.Kind.COUNCIL),
    ("riverside-youth-service", "Riverside Youth Service", Organisation.Kind.YOUTH_ORGANISATION),
    ("riverside-academy", "Riverside Academy", Organisation.Kind.SCHOOL),
    ("st-marys-primary", "St Mary's Primary School", Organisation.Kind.SCHOOL),
    ("riverside-camhs", "Riverside CAMHS", Organisation.Kind.HEALTH_SERVICE),
    ("the-hive", "The Hive Youth Project", Organisation.Kind.YOUTH_ORGANISATION),
]

# (email, display name, organisation slug, roles)
STAFF = [
    ("admin@riverside.example", "Amira Khan", COUNCIL, [Role.ORG_ADMIN]),
    ("commissioner@riverside.example", "Tom Okafor", COUNCIL, [Role.COMMISSIONER]),
    ("councillor@riverside.example", "Cllr Jean Price", COUNCIL, [Role.COUNCILLOR]),
    (
        "youth.admin@riverside.example",
        "Priya Shah",
        "riverside-youth-service",
        [Role.ORG_ADMIN, Role.WORKER],
    ),
    ("worker@riverside.example", "Sam Reed", "riverside-youth-service", [Role.WORKER]),
    ("worker2@riverside.example", "Lena Novak", "riverside-youth-service", [Role.WORKER]),
    (
        "teacher@riverside.example",
        "Mr David Hall",
        "riverside-academy",
        [Role.ORG_ADMIN, Role.WORKER],
    ),
    (
        "primary@riverside.example",
        "Mrs Grace Obi",
        "st-marys-primary",
        [Role.ORG_ADMIN, Role.WORKER],
    ),
    ("camhs@riverside.example", "Dr Nia Evans", "riverside-camhs", [Role.ORG_ADMIN, Role.WORKER]),
    ("hive@riverside.example", "Kofi Mensah", "the-hive", [Role.ORG_ADMIN, Role.WORKER]),
    ("provider@riverside.example", "Beth Cole", "the-hive", [Role.PROVIDER]),
]

# Where young people take part, and the ages each place has.
YOUNG_PEOPLE_PLACES = [
    ("riverside-youth-service", 11, 19, 70),
    ("riverside-academy", 11, 18, 50),
    ("st-marys-primary", 8, 11, 30),
    ("riverside-camhs", 12, 18, 20),
    ("the-hive", 13, 25, 30),
]

FIRST_NAMES = (
    "Alex Sam Jo Kai Mo Rae Ari Bo Cal Dee Eli Fin Gus Hal Isa Jay Kit Lou Max Nia Oli Pip "
    "Quin Ren Sky Tam Uma Viv Wes Xan Yas Zed Ash Bea Cas Dot Eve Fox Gem Hen Ivy Jem Kez Lux"
).split()
ANIMALS = (
    "Otter Falcon Badger Heron Fox Hare Kestrel Newt Owl Robin Seal Stoat Swift Vole Wren Lynx"
).split()


@dataclass
class SignIn:
    role: str
    username: str
    secret: str
    organisation: str
    totp_secret: str = ""
    note: str = ""


@dataclass
class DemoResult:
    created: bool
    sign_ins: list[SignIn] = field(default_factory=list)
    people: int = 0


def _birth(rng: random.Random, low: int, high: int) -> tuple[int, int]:
    today = timezone.localdate()
    age = rng.randint(low, high)
    month = rng.randint(1, 12)
    year = today.year - age - (1 if month > today.month else 0)
    return month, year


@transaction.atomic
def seed(*, young_people: int = 200, seed_value: int = 2026) -> DemoResult:
    if Organisation.objects.filter(slug=COUNCIL).exists():
        return DemoResult(created=False, sign_ins=sign_ins())
    rng = random.Random(seed_value)
    organisations: dict[str, Organisation] = {}
    for slug, name, kind in ORGANISATIONS:
        organisations[slug] = services.organisation_create(
            slug=slug,
            name=name,
            kind=kind,
            area="Riverside",
            parent=organisations.get(COUNCIL),
        )
    staff: dict[str, Person] = {}
    for email, name, slug, roles in STAFF:
        person = services.staff_person_create(
            organisation=organisations[slug],
            display_name=name,
            email=email,
            password=STAFF_PASSWORD,
            roles=roles,
        )
        assert person.user is not None
        TOTP.activate(person.user, _demo_totp_secret(email))
        staff[slug] = staff.get(slug) or person

    total = sum(count for *_, count in YOUNG_PEOPLE_PLACES)
    created = 0
    for slug, low, high, count in YOUNG_PEOPLE_PLACES:
        organisation = organisations[slug]
        worker = actor_for_person(staff[slug])
        join_code = services.join_code_create(
            actor=worker, organisation=organisation, label="Demo group", max_uses=500, days=90
        )
        for _ in range(round(young_people * count / total)):
            created += 1
            month, year = _birth(rng, low, high)
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(ANIMALS)}"
            offline = rng.random() < 0.2
            if offline:
                person = services.person_create_offline(
                    actor=worker,
                    organisation=organisation,
                    display_name=name,
                    kind=Person.Kind.YOUNG_PERSON,
                    birth_month=month,
                    birth_year=year,
                )
            else:
                person = services.join_code_redeem(
                    code=join_code.code,
                    username=f"{name.split()[0].lower()}{created}",
                    passphrase_hash=_hash(YOUNG_PASSPHRASE),
                    display_name=name,
                    birth_month=month,
                    birth_year=year,
                    consent_purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.SHARE_ANONYMISED],
                )
            # Most under-13s have a parent's signed form; some are still waiting.
            if person.needs_parental_consent and rng.random() < 0.75:
                services.consent_record_from_form(
                    actor=worker,
                    organisation=organisation,
                    person=person,
                    purposes=[Consent.Purpose.TAKE_PART],
                )
            if not offline and rng.random() < 0.15:
                parent_code = services.join_code_create(
                    actor=worker,
                    organisation=organisation,
                    label="Parents evening",
                    role=Role.PARENT_CARER,
                    max_uses=1,
                )
                services.join_code_redeem(
                    code=parent_code.code,
                    username=f"parent{created}",
                    passphrase_hash=_hash(YOUNG_PASSPHRASE),
                    display_name=f"Parent of {name.split()[0]}",
                    consent_purposes=[Consent.Purpose.TAKE_PART],
                )

    _named_demo_people(organisations["riverside-youth-service"], staff["riverside-youth-service"])
    return DemoResult(created=True, sign_ins=sign_ins(), people=Person.objects.count())


def _named_demo_people(organisation: Organisation, worker_person: Person) -> None:
    """Three young people with known sign-ins, one per situation a demo wants to show."""
    worker = actor_for_person(worker_person)
    code = services.join_code_create(
        actor=worker, organisation=organisation, label="Tuesday youth club", max_uses=30
    )
    today = timezone.localdate()
    services.join_code_redeem(
        code=code.code,
        username="jamie",
        passphrase_hash=_hash(YOUNG_PASSPHRASE),
        display_name="Jamie Kestrel",
        birth_month=today.month,
        birth_year=today.year - 15,
        consent_purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.CONTACT],
    )
    services.join_code_redeem(
        code=code.code,
        username="robin",
        passphrase_hash=_hash(YOUNG_PASSPHRASE),
        display_name="Robin Wren",
        birth_month=today.month,
        birth_year=today.year - 11,
    )
    services.join_code_redeem(
        code=code.code,
        username="casey",
        passphrase_hash=_hash(YOUNG_PASSPHRASE),
        display_name="Casey Otter",
        birth_month=today.month,
        birth_year=today.year - 10,
    )
    casey = Person.objects.get(user__username="casey")
    services.consent_record_from_form(
        actor=worker, organisation=organisation, person=casey, purposes=[Consent.Purpose.TAKE_PART]
    )


@functools.cache
def _hash(passphrase: str) -> str:
    # Hashing is slow on purpose; the demo's young people share one passphrase, so hash it once.
    return make_password(passphrase)


def current_code(secret: str) -> str:
    """The code an authenticator app would show now, so a demo needs no phone."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def _demo_totp_secret(email: str) -> str:
    """Fixed, printed secrets so a demo can be repeated; never used outside the demo."""
    return base64.b32encode(hashlib.sha256(email.encode()).digest()[:20]).decode()


def sign_ins() -> list[SignIn]:
    rows = [
        SignIn(
            "Organisation admin (council)",
            "admin@riverside.example",
            STAFF_PASSWORD,
            "Riverside Council",
        ),
        SignIn(
            "Participation worker",
            "worker@riverside.example",
            STAFF_PASSWORD,
            "Riverside Youth Service",
        ),
        SignIn(
            "Commissioner", "commissioner@riverside.example", STAFF_PASSWORD, "Riverside Council"
        ),
        SignIn(
            "Councillor (read only)",
            "councillor@riverside.example",
            STAFF_PASSWORD,
            "Riverside Council",
        ),
        SignIn("Provider", "provider@riverside.example", STAFF_PASSWORD, "The Hive Youth Project"),
    ]
    for row in rows:
        row.totp_secret = _demo_totp_secret(row.username)
    rows += [
        SignIn("Young person, 15", "jamie", YOUNG_PASSPHRASE, "Riverside Youth Service"),
        SignIn(
            "Young person, 11, waiting for a parent",
            "robin",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="cannot take part until a parent or carer agrees",
        ),
        SignIn(
            "Young person, 10, parent agreed",
            "casey",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
        ),
    ]
    parent = Person.objects.filter(kind=Person.Kind.PARENT_CARER, user__isnull=False).first()
    if parent is not None and parent.user is not None:
        rows.append(SignIn("Parent or carer", parent.user.username, YOUNG_PASSPHRASE, "Riverside"))
    return rows
