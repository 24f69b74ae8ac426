"""The accounts domain's rows of the permission matrix and page sweep (see tests/matrix.py):
joining, consent, my account, people, join codes, audit, API tokens, and the parts of
django-allauth we serve (sign-in, passphrase, two-factor, sessions)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, JoinCode, Membership, Person, StaffInvitation
from alongside.accounts.roles import Role
from tests import factories
from tests.matrix import ANONYMOUS, WITHDRAWN, World, long_name, org
from tests.matrix import Row as R

YOUNG = Role.YOUNG_PERSON.value
ADMIN = Role.ORG_ADMIN.value
PARENT = Role.PARENT_CARER.value
NEW_PASSPHRASE = "purple elephants dance quietly"


def subject(w: World) -> Person:
    """A 12-year-old with a sign-in, a long unbroken name and every kind of consent."""
    if "subject" not in w.objects:
        person = factories.person_with_role(
            Role.YOUNG_PERSON, w.organisation, display_name=long_name("subject"), age=12
        )
        for purpose in Consent.Purpose:
            if purpose != Consent.Purpose.TAKE_PART:
                factories.ConsentFactory(
                    person=person,
                    organisation=w.organisation,
                    purpose=purpose,
                    given_by=Consent.GivenBy.PARENT_FORM,
                )
        w.objects["subject"] = person
    return w.objects["subject"]


def offline(w: World) -> Person:
    """An 8-year-old a worker recorded face to face: no sign-in, no consent yet."""
    if "offline" not in w.objects:
        w.objects["offline"] = factories.offline_person(
            w.organisation, age=8, display_name=long_name("offline")
        )
    return w.objects["offline"]


def _waiting_invitation(w: World) -> dict[str, Any]:
    """An invitation sent and not accepted, with a long unbroken address."""
    invitation = StaffInvitation.objects.create(
        organisation=w.organisation,
        email=f"{long_name('invited').lower()}@example.org",
        display_name="Sam Patel",
        role=Role.WORKER,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    return {**org(w), "invitation_id": invitation.pk}


def _subject(w: World) -> dict[str, Any]:
    return {**org(w), "person_id": subject(w).public_id}


def _offline(w: World) -> dict[str, Any]:
    return {**org(w), "person_id": offline(w).public_id}


def _admin_actor(w: World) -> Any:
    return actor_for_person(w.person(ADMIN))


def _join_code(w: World) -> JoinCode:
    if "join_code" not in w.objects:
        w.objects["join_code"] = services.join_code_create(
            actor=_admin_actor(w), organisation=w.organisation, label="Tuesday youth club"
        )
    return w.objects["join_code"]


def _token(w: World) -> dict[str, Any]:
    token, _secret = services.api_token_create(
        actor=_admin_actor(w), organisation=w.organisation, name="Youth survey import"
    )
    return {**org(w), "pk": token.pk}


def _org_with_join_code(w: World) -> dict[str, Any]:
    # So the list (and the audit trail) has something in it.
    _join_code(w)
    return org(w)


def _org_with_token(w: World) -> dict[str, Any]:
    _token(w)
    return org(w)


def _own_consent(w: World) -> dict[str, Any]:
    return {"pk": Consent.objects.get(person=w.person(YOUNG)).pk}


def _consent_a_parent_gave(w: World) -> dict[str, Any]:
    # The parent visitor agreed, signed in, to the offline child taking part.
    consent = factories.ConsentFactory(
        person=offline(w),
        organisation=w.organisation,
        given_by=Consent.GivenBy.PARENT_ONLINE,
        given_by_person=w.person(PARENT),
        given_by_name="Sam Okafor",
        given_by_relationship=Consent.Relationship.PARENT,
    )
    return {"pk": consent.pk}


def _subject_consent(w: World) -> dict[str, Any]:
    consent = Consent.objects.filter(person=subject(w)).order_by("pk").first()
    assert consent is not None
    return {**org(w), "pk": consent.pk}


def _subject_membership(w: World) -> dict[str, Any]:
    # A second role, so taking it away leaves them with one (the service refuses the last).
    membership = Membership.objects.create(
        person=subject(w), organisation=w.organisation, role=Role.PARENT_CARER
    )
    return {**org(w), "pk": membership.pk}


def _consent_token(w: World) -> dict[str, Any]:
    token = services.parent_consent_link_create(
        actor=_admin_actor(w), organisation=w.organisation, person=offline(w)
    )
    return {"token": token}


def _mailed_link(pattern: str, send: Callable[[], object]) -> str:
    """The secret from the link a service mails (its task runs when the transaction commits)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        send()
    match = re.search(pattern, mail.outbox[-1].body)
    assert match is not None, mail.outbox[-1].body
    return match.group(1)


def _email_key(w: World) -> dict[str, Any]:
    # A young person joined and typed an address; the link checks it is theirs.
    key = _mailed_link(
        r"/email/verify/(\S+)/",
        lambda: services.join_code_redeem(
            code=_join_code(w).code,
            username="river.fox",
            passphrase=NEW_PASSPHRASE,
            display_name=long_name("fox"),
            email="river.fox@example.org",
            base_url="http://testserver/",
            **factories.birth_for_age(15),
        ),
    )
    return {"key": key}


def _invitation_token(w: World) -> dict[str, Any]:
    # Someone new to Alongside, invited as a worker.
    token = _mailed_link(
        r"/staff/invitation/(\S+)/",
        lambda: services.staff_invite(
            actor=_admin_actor(w),
            organisation=w.organisation,
            display_name=long_name("colleague"),
            email="new.colleague@example.org",
            role=Role.WORKER,
            base_url="http://testserver/",
        ),
    )
    return {"token": token}


# Steps before a page, taken by the visitor's test client (the browser then uses its cookies).
def _reauthenticated(w: World, client: Client) -> None:
    # allauth asks for the password again before security changes.
    client.post(reverse("account_reauthenticate"), {"password": factories.PASSWORD})


def _with_recovery_codes(w: World, client: Client) -> None:
    RecoveryCodes.activate(w.person(ADMIN).user)
    _reauthenticated(w, client)


def _half_signed_in(w: World, client: Client) -> None:
    # A member of staff who gave their password and is asked for their security code.
    user = w.person(Role.WORKER).user
    assert user is not None
    client.post(reverse("account_login"), {"login": user.email, "password": factories.PASSWORD})


def _teen_on_a_parents_consent(w: World, client: Client) -> None:
    # A 13-year-old whose parent agreed for them is asked for their own consent.
    person = factories.person_with_role(
        Role.YOUNG_PERSON, w.organisation, age=13, consent=False, display_name=long_name("teen")
    )
    factories.ConsentFactory(
        person=person, organisation=w.organisation, given_by=Consent.GivenBy.PARENT_ONLINE
    )
    assert person.user is not None
    client.force_login(person.user)


# Steps before a join page: each page of the journey needs the ones before it.
def _joined_code(w: World, client: Client) -> None:
    client.post(reverse("accounts:join-code"), {"code": _join_code(w).code})


def _joined_username(w: World, client: Client) -> None:
    _joined_code(w, client)
    client.post(
        reverse("accounts:join-username"),
        {"username": "riverotter", "display_name": long_name("joiner")},
    )


def _joined_passphrase(w: World, client: Client) -> None:
    _joined_username(w, client)
    client.post(reverse("accounts:join-passphrase"), {"passphrase": NEW_PASSPHRASE})


def _joined_birth(w: World, client: Client) -> None:
    _joined_passphrase(w, client)
    client.post(reverse("accounts:join-birth"), factories.birth_for_age(15))


def _joined_email(w: World, client: Client) -> None:
    _joined_birth(w, client)
    client.post(reverse("accounts:join-email"), {"email": ""})


def _joined(w: World, client: Client) -> None:
    _joined_email(w, client)
    client.post(reverse("accounts:join-consent"), {"purposes": ["take_part"]})


MATRIX_ROWS = [
    # Joining with a code: public, one question per page.
    R("accounts:join-code"),
    R("accounts:join-username", prepare=_joined_code),
    R("accounts:join-passphrase", prepare=_joined_username),
    R("accounts:join-birth", prepare=_joined_passphrase),
    R("accounts:join-email", prepare=_joined_birth),
    R("accounts:join-consent", prepare=_joined_email),
    R("accounts:join-done", prepare=_joined),
    R(
        "accounts:parent-consent",
        _consent_token,
        body=lambda w: {
            "purposes": ["take_part"],
            "given_by_name": "Sam Okafor",
            "relationship": "parent",
        },
        sweep_as=(ANONYMOUS,),
        # The link is for the parent: no young person may agree through it.
        also_refuses=(YOUNG, YOUNG + WITHDRAWN),
    ),
    R("accounts:reset-with-code"),
    R("accounts:email-verify", _email_key, body=lambda w: {}, sweep_as=(ANONYMOUS,)),
    R(
        "accounts:staff-invitation",
        _invitation_token,
        body=lambda w: {"password1": NEW_PASSPHRASE, "password2": NEW_PASSPHRASE},
        sweep_as=(ANONYMOUS,),
    ),
    # My account: anyone signed in, about themselves.
    R("accounts:my-account", sweep_as=(YOUNG, ADMIN)),
    R("accounts:my-data", page=False),
    R("accounts:my-consent-withdraw", _own_consent, body=lambda w: {}, sweep_as=(YOUNG,)),
    R(
        "accounts:child-consent-withdraw",
        _consent_a_parent_gave,
        body=lambda w: {},
        sweep_as=(PARENT,),
    ),
    R("accounts:my-deletion", body=lambda w: {}, sweep_as=(YOUNG,)),
    R(
        "accounts:own-consent",
        body=lambda w: {"purposes": ["take_part"]},
        sweep_as=(YOUNG,),
        prepare=_teen_on_a_parents_consent,
    ),
    R("accounts:community-member", sweep_as=(Role.COMMUNITY_MEMBER.value,)),
    # The organisation's pages for staff.
    R("accounts:organisation-home", org),
    R("accounts:person-list", org),
    R(
        "accounts:person-create",
        org,
        body=lambda w: {"display_name": "Sam", "kind": YOUNG, **factories.birth_for_age(9)},
    ),
    R(
        "accounts:staff-invite",
        org,
        body=lambda w: {"display_name": "Sam Patel", "email": "sam@example.org", "role": "worker"},
    ),
    R("accounts:staff-invitation-cancel", _waiting_invitation, body=lambda w: {}),
    R("accounts:person-detail", _subject),
    R(
        "accounts:person-consent-record",
        _offline,
        body=lambda w: {"purposes": ["take_part"], "seen_form": "on"},
    ),
    R("accounts:person-consent-link", _offline, body=lambda w: {}),
    R("accounts:person-consent-email", _offline, body=lambda w: {"email": "mum@example.org"}),
    R("accounts:person-claim-code", _offline, body=lambda w: {}),
    R("accounts:person-reset-code", _subject, body=lambda w: {}),
    R("accounts:person-role-grant", _subject, body=lambda w: {"role": "parent_carer"}),
    R("accounts:person-erase", _subject, body=lambda w: {}),
    R("accounts:person-youth-offer", _subject, body=lambda w: {"extended": "yes"}),
    R("accounts:person-remove", _subject, body=lambda w: {}),
    R(
        "accounts:organisation-youth-offer",
        org,
        body=lambda w: {"upper_age": "17"},
        body_changes_rows=False,
    ),
    R(
        "accounts:organisation-youth-offer-confirm",
        lambda w: {**org(w), "upper_age": 17},
        body=lambda w: {},
    ),
    R("accounts:membership-revoke", _subject_membership, body=lambda w: {}),
    R("accounts:consent-withdraw", _subject_consent, body=lambda w: {}),
    R("accounts:join-code-list", _org_with_join_code),
    R(
        "accounts:join-code-create",
        org,
        body=lambda w: {"label": "Youth club", "role": "young_person", "days": 14, "max_uses": 30},
    ),
    R(
        "accounts:join-code-revoke",
        lambda w: {**org(w), "pk": _join_code(w).pk},
        body=lambda w: {},
    ),
    R("accounts:audit-list", _org_with_join_code),
    R("accounts:api-token-list", _org_with_token),
    R("accounts:api-token-create", org, body=lambda w: {"name": "Survey import"}),
    R("accounts:api-token-revoke", _token, body=lambda w: {}),
    # django-allauth, with our templates.
    R("account_login"),
    R("account_logout", sweep_as=(YOUNG,)),
    R(
        "account_reauthenticate",
        body=lambda w: {"password": factories.PASSWORD},
        body_changes_rows=False,  # it notes in the session that you confirmed who you are
    ),
    R(
        "account_change_password",
        body=lambda w: {
            "oldpassword": factories.PASSWORD,
            "password1": NEW_PASSPHRASE,
            "password2": NEW_PASSPHRASE,
        },
        sweep_as=(YOUNG,),
    ),
    R("account_reset_password"),
    R("account_reset_password_done"),
    R("account_reset_password_from_key", lambda w: {"uidb36": "1", "key": "not-a-key"}),
    R("account_reset_password_from_key_done"),
    R("mfa_index", sweep_as=(ADMIN,)),
    R("mfa_authenticate", sweep_as=(ANONYMOUS,), prepare=_half_signed_in),
    R("mfa_reauthenticate", sweep_as=(ADMIN,)),
    R("mfa_activate_totp", sweep_as=(YOUNG,), prepare=_reauthenticated),
    R("mfa_deactivate_totp", sweep_as=(ADMIN,), prepare=_reauthenticated),
    R("mfa_view_recovery_codes", sweep_as=(ADMIN,), prepare=_with_recovery_codes),
    R("mfa_generate_recovery_codes", sweep_as=(ADMIN,), prepare=_reauthenticated),
    R("mfa_download_recovery_codes", page=False),
    R("usersessions_list", sweep_as=(YOUNG,)),
]
