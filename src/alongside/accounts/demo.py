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
from alongside.accounts.models import Consent, JoinCode, Organisation, Person
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

SAFEGUARDING_EMAIL = "safeguarding@riverside.example"
PARTNER_EMAIL = "partner@riverside.example"

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
    (
        SAFEGUARDING_EMAIL,
        "Ruth Adeyemi",
        "riverside-youth-service",
        [Role.SAFEGUARDING_LEAD, Role.WORKER],
    ),
    # Checks the vouchers young people bring (time credits' rewards: credits.demo_rewards).
    (PARTNER_EMAIL, "Kit Rowe", "riverside-youth-service", [Role.REWARD_PARTNER]),
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


TRY_CODE_LABEL = "Tuesday youth club"
NAMED_PLACE = "riverside-youth-service"
PARENT_USERNAME = "morgan"


def _named_demo_people(organisation: Organisation, worker_person: Person) -> None:
    """People with known sign-ins, one per situation a demo wants to show."""
    worker = actor_for_person(worker_person)
    code = services.join_code_create(
        actor=worker, organisation=organisation, label=TRY_CODE_LABEL, max_uses=30, days=90
    )
    today = timezone.localdate()
    for username, name, age, purposes in [
        ("jamie", "Jamie Kestrel", 15, [Consent.Purpose.TAKE_PART, Consent.Purpose.CONTACT]),
        ("robin", "Robin Wren", 11, []),
        ("casey", "Casey Otter", 10, []),
        ("alex", "Alex Heron", 20, [Consent.Purpose.TAKE_PART]),
    ]:
        services.join_code_redeem(
            code=code.code,
            username=username,
            passphrase_hash=_hash(YOUNG_PASSPHRASE),
            display_name=name,
            birth_month=today.month,
            birth_year=today.year - age,
            consent_purposes=purposes,
        )
    # Alex is past the youth offer (19 here), so is a community member now, told on next visit.
    services.person_age_out(person=Person.objects.get(user__username="alex"))
    # Casey's parent agreed through a consent link while signed in, so can withdraw it at Home.
    parent_code = services.join_code_create(
        actor=worker,
        organisation=organisation,
        label="Casey's family",
        role=Role.PARENT_CARER,
        max_uses=1,
    )
    parent = services.join_code_redeem(
        code=parent_code.code,
        username=PARENT_USERNAME,
        passphrase_hash=_hash(YOUNG_PASSPHRASE),
        display_name="Morgan",
        consent_purposes=[Consent.Purpose.TAKE_PART],
    )
    casey = Person.objects.get(user__username="casey")
    token = services.parent_consent_link_create(
        actor=worker, organisation=organisation, person=casey
    )
    services.parent_consent_give(
        token=token,
        purposes=[Consent.Purpose.TAKE_PART, Consent.Purpose.PHOTOS],
        given_by_name="Morgan Otter",
        relationship=Consent.Relationship.PARENT,
        signed_in=parent,
    )


def join_code_to_try() -> JoinCode:
    """A young people's join code that works now: the demo's, or a fresh one once it runs out
    (a demo database outlives a code's 90 days)."""
    organisation = Organisation.objects.get(slug=NAMED_PLACE)
    code = (
        JoinCode.objects.for_organisation(organisation)
        .filter(label=TRY_CODE_LABEL, claim_person__isnull=True, revoked_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if code is not None and code.status == "active":
        return code
    worker = Person.objects.get(user__email=WORKER_EMAIL)
    return services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label=TRY_CODE_LABEL,
        max_uses=30,
        days=90,
    )


@functools.cache
def _hash(passphrase: str) -> str:
    # Hashing is slow on purpose; the demo's young people share one passphrase, so hash it once.
    return make_password(passphrase)


def current_code(secret: str) -> str:
    """The code an authenticator app would show now, so a demo needs no phone."""
    return str(format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD)))


def _demo_totp_secret(email: str) -> str:
    """Fixed, printed secrets so a demo can be repeated; never used outside the demo."""
    return base64.b32encode(hashlib.sha256(email.encode()).digest()[:20]).decode()


ADMIN_EMAIL = "youth.admin@riverside.example"
WORKER_EMAIL = "worker@riverside.example"


def sign_ins() -> list[SignIn]:
    """One sign-in for every role, with what to try first. Staff share one password and need
    a two-factor code; everyone else shares one passphrase."""
    staff = [
        SignIn(
            "Organisation admin",
            ADMIN_EMAIL,
            STAFF_PASSWORD,
            "Riverside Youth Service",
            note="People: open a young person, then read the Audit trail",
        ),
        SignIn(
            "Participation worker",
            WORKER_EMAIL,
            STAFF_PASSWORD,
            "Riverside Youth Service",
            note="People, Robin Wren: email a consent link (it shows at /demo/mail/)",
        ),
        SignIn(
            "Commissioner",
            "commissioner@riverside.example",
            STAFF_PASSWORD,
            "Riverside Council",
            note="Home: what a commissioner can see today",
        ),
        SignIn(
            "Councillor",
            "councillor@riverside.example",
            STAFF_PASSWORD,
            "Riverside Council",
            note="Home: what a councillor can see today",
        ),
        SignIn(
            "Provider",
            "provider@riverside.example",
            STAFF_PASSWORD,
            "The Hive Youth Project",
            note="Home: what a provider can see today",
        ),
        SignIn(
            "Designated safeguarding lead",
            SAFEGUARDING_EMAIL,
            STAFF_PASSWORD,
            "Riverside Youth Service",
            note="Home: safeguarding concerns waiting for a lead",
        ),
        SignIn(
            "Reward partner",
            PARTNER_EMAIL,
            STAFF_PASSWORD,
            "Riverside Odeon, for Riverside Youth Service",
            note="Check a voucher: Jamie's cinema voucher code is on Jamie's Your vouchers",
        ),
    ]
    for row in staff:
        row.totp_secret = _demo_totp_secret(row.username)
    participants = [
        SignIn(
            "Young person, 15",
            "jamie",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="Home: your board's briefing, what you agreed to do; My account: your choices",
        ),
        SignIn(
            "Young person, 11",
            "robin",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="Home: a parent must agree first",
        ),
        SignIn(
            "Young person, 10",
            "casey",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="takes part because Morgan, a parent, agreed by link",
        ),
        SignIn(
            "Community member, 20",
            "alex",
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="past the youth offer: the first visit says what that means",
        ),
        SignIn(
            "Parent or carer",
            PARENT_USERNAME,
            YOUNG_PASSPHRASE,
            "Riverside Youth Service",
            note="Home: the consent given for Casey; withdraw it",
        ),
    ]
    return staff + participants


def sign_in_text(rows: list[SignIn], *, base_url: str) -> list[str]:
    """What `alongside demo` prints: short enough to read in one screen."""
    code = join_code_to_try()
    lines = [
        f"Alongside demo: {base_url}",
        f"Sign in at {base_url}account/login/",
        f"  staff: passphrase {STAFF_PASSWORD}, then the two-factor code that",
        "         `.venv/bin/alongside demo_code EMAIL` prints (a new one every 30 seconds)",
        f"  everyone else: passphrase {YOUNG_PASSPHRASE!r}",
        "",
    ]
    for row in rows:
        lines.append(f"  {row.role:<22} {row.username:<32} {row.organisation}")
        if row.note:
            lines.append(f"  {'':<22} try: {row.note}")
    lines += [
        "",
        f"Join as a new young person at {base_url}join/ with the code {code.code}"
        f" ({code.organisation.name}, {code.max_uses - code.uses} uses left,"
        f" until {timezone.localtime(code.expires_at):%-d %B %Y})",
    ]
    return lines
