"""An organisation admin invites a member of staff; they choose a password from the email,
sign in and must set up two-factor before they see anyone's details."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Membership, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories
from tests.accounts.support import assert_trail_intact

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NEW_PASSWORD = "a long and unusual staff password 42"


def _invite(organisation, admin, **overrides):
    fields = {
        "display_name": "Sam Patel",
        "email": "Sam.Patel@Riverside.example",
        "role": Role.COMMISSIONER,
        "base_url": "http://testserver/",
    }
    fields.update(overrides)
    return services.staff_invite(actor=actor_for_person(admin), organisation=organisation, **fields)


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
    )

    # Then they have a professional account with the role and no usable password yet
    sam = Person.objects.get(display_name="Sam Patel")
    assert response.status_code == 302
    assert response.url == reverse(
        "accounts:person-detail", args=[organisation.slug, sam.public_id]
    )
    assert sam.kind == Person.Kind.PROFESSIONAL
    assert sam.user.email == "sam.patel@riverside.example"
    assert not sam.user.has_usable_password()
    assert list(Membership.objects.filter(person=sam).values_list("role", flat=True)) == [
        Role.COMMISSIONER
    ]
    # And nothing is emailed until the background worker runs, then one email with a link
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam.patel@riverside.example"]
    assert organisation.name in mail.outbox[0].subject
    link = re.search(r"http://testserver(/account/password/reset/key/\S+)", mail.outbox[0].body)
    assert link is not None

    # When they open the link and choose a password
    response = client.get(link.group(1), follow=True)
    assert response.status_code == 200
    assert "Choose a new passphrase" in response.content.decode()
    form_url = response.redirect_chain[-1][0]  # allauth moves the key into the session
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    sam.user.refresh_from_db()
    assert sam.user.check_password(NEW_PASSWORD)

    # Then they can sign in, and are sent to set up two-factor before any personal data
    response = client.post(
        reverse("account_login"), {"login": "sam.patel@riverside.example", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home:index")).url == reverse("mfa_activate_totp")

    # And everything was audited without the name or address
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "summary"))
    assert ("accounts.staff.invite", "Staff member invited with role commissioner") in actions
    assert any(a == "accounts.staff.invitation_emailed" for a, _ in actions)
    assert not any("Sam" in s or "riverside.example" in s for _, s in actions)
    assert_trail_intact()

    # And the worker does not send the invitation again once the password is set
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_existing_staff_account_is_given_the_role_without_an_email(
    organisation, admin, other_organisation
) -> None:
    colleague = factories.person_with_role(Role.WORKER, other_organisation)

    person, invited = _invite(organisation, admin, email=colleague.user.email.upper())

    assert person == colleague
    assert invited is False
    assert Membership.objects.filter(
        person=colleague, organisation=organisation, role=Role.COMMISSIONER
    ).exists()
    assert colleague.display_name != "Sam Patel"  # their own name is kept
    with pytest.raises(Conflict, match="already have this role") as error:
        _invite(organisation, admin, email=colleague.user.email)
    assert error.value.field == "role"


@pytest.mark.django_db
def test_a_young_persons_email_cannot_become_a_staff_account(
    organisation, admin, young_person, unchanged
) -> None:
    young_person.user.email = "jo@example.org"
    young_person.user.save(update_fields=["email"])
    with unchanged(), pytest.raises(Conflict, match="young person's or parent's") as error:
        _invite(organisation, admin, email="jo@example.org")
    assert error.value.field == "email"


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
    invited, _ = _invite(organisation, admin)
    colleague = factories.person_with_role(Role.WORKER, organisation)

    def page(person) -> str:
        url = reverse("accounts:person-detail", args=[organisation.slug, person.public_id])
        return client_for(admin).get(url).content.decode()

    assert "Invited: they have not chosen a passphrase yet." in page(invited)
    assert f"Yes, as {colleague.user.username}, with two-factor" in page(colleague)
    for body in (page(invited), page(colleague)):
        assert ">Consent</h2>" not in body
        assert "Taking part online" not in body
