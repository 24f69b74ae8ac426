"""An organisation admin invites a member of staff by email; the role is theirs only when they
accept through the link, and the admin learns nothing about whose the address is."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership, Person, StaffInvitation
from alongside.accounts.roles import Role
from alongside.core.errors import NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.accounts.support import assert_trail_intact

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NEW_PASSWORD = "a long and unusual staff password 42"
PER_RESPONSE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')


def _same_apart_from_secrets(body: str) -> str:
    return PER_RESPONSE.sub("", body)


def _invite(organisation, admin, **overrides):
    fields = {
        "display_name": "Sam Patel",
        "email": "Sam.Patel@Riverside.example",
        "role": Role.COMMISSIONER,
        "base_url": "http://testserver/",
    }
    fields.update(overrides)
    return services.staff_invite(actor=actor_for_person(admin), organisation=organisation, **fields)


def _link(message) -> str:
    match = re.search(r"http://testserver(/staff/invitation/\S+/)", message.body)
    assert match is not None, message.body
    return match.group(1)


def _sent_invitation(organisation, admin, email: str, **overrides):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return _invite(organisation, admin, email=email, **overrides)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_an_invited_colleague_chooses_a_password_and_must_set_up_two_factor(
    client, client_for
) -> None:
    organisation = factories.OrganisationFactory(slug="riverside")
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)

    # When an admin invites a commissioner through the page
    response = client_for(admin).post(
        reverse("accounts:staff-invite", args=[organisation.slug]),
        {
            "display_name": "Sam Patel",
            "email": "Sam.Patel@Riverside.example",
            "role": "commissioner",
        },
        follow=True,
    )

    # Then they are told an invitation is on its way, and nobody has the role yet
    assert "We have sent an invitation to sam.patel@riverside.example." in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:person-list", args=["riverside"])
    assert not Person.objects.filter(display_name="Sam Patel").exists()
    # And nothing is emailed until the background worker runs, then one email with a link
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam.patel@riverside.example"]
    assert organisation.name in mail.outbox[0].subject
    link = _link(mail.outbox[0])

    # When they open the link and choose a password
    response = client.get(link)
    assert response.status_code == 200
    assert "Choose a passphrase" in response.content.decode()
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("account_login")

    # Then they have a professional account with the role and a checked address
    sam = Person.objects.get(display_name="Sam Patel")
    assert sam.kind == Person.Kind.PROFESSIONAL
    assert sam.user.email == "sam.patel@riverside.example"
    assert EmailAddress.objects.get(user=sam.user).verified
    assert list(Membership.objects.filter(person=sam).values_list("role", flat=True)) == [
        Role.COMMISSIONER
    ]
    # And they can sign in, and are sent to set up two-factor before any personal data
    response = client.post(
        reverse("account_login"), {"login": "sam.patel@riverside.example", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home:index")).url == reverse("mfa_activate_totp")

    # And everything was audited without the name or address
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "summary"))
    assert ("accounts.staff.invite", "Staff member invited with role commissioner") in actions
    assert ("accounts.staff.invitation_emailed", "Staff invitation emailed") in actions
    assert any(a == "accounts.staff.invitation_accept" for a, _ in actions)
    assert not any("Sam" in s or "riverside.example" in s for _, s in actions)
    assert_trail_intact()

    # And the link works once, and the worker does not send the invitation again
    assert "This invitation does not work" in client_for(None).get(link).content.decode()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_existing_staff_account_gets_the_role_only_by_accepting(
    client_for, organisation, admin, other_organisation
) -> None:
    # Given a worker elsewhere who already has an account
    colleague = factories.person_with_role(Role.WORKER, other_organisation)

    # When an admin here invites their address
    _sent_invitation(organisation, admin, colleague.user.email.upper())

    # Then no role is attached until they accept
    assert not Membership.objects.filter(person=colleague, organisation=organisation).exists()
    (message,) = mail.outbox
    assert message.to == [colleague.user.email]
    assert "sign in as yourself" in message.body
    link = _link(message)
    # And opening the link without signing in asks them to sign in
    body = client_for(None).get(link).content.decode()
    assert "Sign in to accept your invitation" in body
    assert f"next={link}" in body.replace("%2F", "/")

    # When they accept, signed in as themselves
    client = client_for(colleague)
    assert "Accept invitation" in client.get(link).content.decode()
    response = client.post(link)

    # Then they have the role here, and keep their own name
    assert response.status_code == 302
    assert Membership.objects.filter(
        person=colleague, organisation=organisation, role=Role.COMMISSIONER
    ).exists()
    colleague.refresh_from_db()
    assert colleague.display_name != "Sam Patel"


@pytest.mark.django_db
def test_an_invitation_cannot_be_accepted_by_another_signed_in_account(
    client_for, organisation, admin, other_organisation
) -> None:
    colleague = factories.person_with_role(Role.WORKER, other_organisation)
    someone_else = factories.person_with_role(Role.WORKER, other_organisation)
    _sent_invitation(organisation, admin, colleague.user.email)

    response = client_for(someone_else).post(_link(mail.outbox[0]))

    assert "This invitation is for a different account." in response.content.decode()
    assert not Membership.objects.filter(organisation=organisation, role=Role.COMMISSIONER).exists()


@pytest.mark.django_db
def test_a_young_persons_address_is_told_and_never_made_staff(
    client_for, organisation, admin, young_person
) -> None:
    # Given a young person whose checked address an admin invites as staff
    young_person.user.email = "jo@example.org"
    young_person.user.save(update_fields=["email"])
    EmailAddress.objects.create(
        user=young_person.user, email="jo@example.org", primary=True, verified=True
    )

    _sent_invitation(organisation, admin, "jo@example.org")

    # Then the address's owner is told nothing changed, with no link to accept
    (message,) = mail.outbox
    assert message.to == ["jo@example.org"]
    assert "nothing has changed" in message.body
    assert "/staff/invitation/" not in message.body
    # And the young person has no staff role
    assert set(Membership.objects.filter(person=young_person).values_list("role", flat=True)) == {
        Role.YOUNG_PERSON
    }


@pytest.mark.django_db
def test_the_inviter_sees_the_same_whatever_the_address_belongs_to(
    client_for, organisation, admin, other_organisation, young_person
) -> None:
    # Given three addresses: nobody's, a member of staff's, and a young person's
    colleague = factories.person_with_role(Role.WORKER, other_organisation)
    young_person.user.email = "jo@example.org"
    young_person.user.save(update_fields=["email"])
    addresses = ["new.person@riverside.example", colleague.user.email, "jo@example.org"]
    client = client_for(admin)
    url = reverse("accounts:staff-invite", args=[organisation.slug])

    # When the admin invites each of them
    pages = []
    for email in addresses:
        response = client.post(
            url, {"display_name": "Sam Patel", "email": email, "role": "commissioner"}, follow=True
        )
        pages.append(
            (
                response.status_code,
                response.redirect_chain,
                _same_apart_from_secrets(response.content.decode()).replace(email, "EMAIL"),
            )
        )

    # Then the three answers are the same, word for word
    assert pages[0] == pages[1] == pages[2]
    assert "We have sent an invitation to EMAIL." in pages[0][2]
    # And the invitations wait in the same way, none accepted and none refused
    body = client.get(url).content.decode()
    for email in addresses:
        assert f"{email}, as Commissioner: sent" in body
    # And so is what the audit trail tells admins
    summaries = list(
        AuditEvent.objects.filter(action__startswith="accounts.staff.")
        .order_by("sequence")
        .values_list("action", "summary")
    )
    assert (
        summaries == [("accounts.staff.invite", "Staff member invited with role commissioner")] * 3
    )


@pytest.mark.django_db
def test_inviting_again_replaces_the_earlier_link(client_for, organisation, admin) -> None:
    _sent_invitation(organisation, admin, "sam@riverside.example")
    _sent_invitation(organisation, admin, "sam@riverside.example")
    first, second = (_link(message) for message in mail.outbox)

    assert "This invitation does not work" in client_for(None).get(first).content.decode()
    assert "Choose a passphrase" in client_for(None).get(second).content.decode()


@pytest.mark.django_db
def test_an_expired_invitation_does_not_work(client_for, organisation, admin) -> None:
    invitation = _sent_invitation(organisation, admin, "sam@riverside.example")
    StaffInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    response = client_for(None).get(_link(mail.outbox[0]))

    assert response.status_code == 404
    assert "This invitation does not work" in response.content.decode()


@pytest.mark.django_db
def test_a_weak_password_is_refused_and_nothing_is_made(client_for, organisation, admin) -> None:
    _sent_invitation(organisation, admin, "sam@riverside.example")
    link = _link(mail.outbox[0])

    response = client_for(None).post(link, {"password1": "password", "password2": "password"})

    assert response.status_code == 200
    assert "<title>Error: " in response.content.decode()
    assert not Person.objects.filter(display_name="Sam Patel").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": "  "}, "display_name", "Enter their name."),
        ({"email": " "}, "email", "Enter their work email address."),
        ({"role": Role.YOUNG_PERSON}, "role", "Select a staff role."),
        ({"role": "mayor"}, "role", "Select a staff role."),
    ],
)
def test_bad_invitations_are_refused_and_change_nothing(
    organisation, admin, unchanged, overrides, field, message
) -> None:
    with unchanged(), pytest.raises(ValidationFailed) as error:
        _invite(organisation, admin, **overrides)
    assert (error.value.field, str(error.value)) == (field, message)


@pytest.mark.django_db
def test_only_organisation_admins_may_invite(organisation, worker, unchanged) -> None:
    with unchanged(), pytest.raises(NotPermitted):
        _invite(organisation, worker)


@pytest.mark.django_db
def test_the_page_shows_errors_first_and_keeps_nothing(client_for, organisation, admin) -> None:
    before = Person.objects.count()
    response = client_for(admin).post(
        reverse("accounts:staff-invite", args=[organisation.slug]),
        {"display_name": "", "email": "not-an-email", "role": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Invite a member of staff" in body
    assert body.index("There is a problem") < body.index("Their name")
    for message in (
        "Enter their name",
        "Enter an email address in the correct format, like name@example.com",
        "Select a role",
    ):
        assert message in body
    assert Person.objects.count() == before


@pytest.mark.django_db
def test_a_staff_members_page_shows_how_they_sign_in_not_consent(
    client_for, organisation, admin
) -> None:
    colleague = factories.person_with_role(Role.WORKER, organisation)

    url = reverse("accounts:person-detail", args=[organisation.slug, colleague.public_id])
    body = client_for(admin).get(url).content.decode()

    assert f"Yes, as {colleague.user.username}, with two-factor" in body
    assert ">Consent</h2>" not in body
    assert "Taking part online" not in body
