"""People and roles: organisations, staff, offline records, own data, deletion, memberships."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import ANONYMOUS, actor_for_person
from alongside.accounts.models import Consent, Membership, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from tests import factories
from tests.accounts.support import (
    assert_names_nobody,
    assert_trail_intact,
    events_after,
    last_sequence,
)

pytestmark = pytest.mark.django_db


# Organisations and staff ----------------------------------------------------------------------


def test_organisation_create_records_who_set_it_up(admin):
    since = last_sequence()

    organisation = services.organisation_create(
        slug="hilltop",
        name="Hilltop Youth Club",
        kind=Organisation.Kind.YOUTH_ORGANISATION,
        created_by=admin,
    )

    (event,) = events_after(since)
    assert (event.action, event.organisation_id, event.actor_id) == (
        "accounts.organisation.create",
        organisation.pk,
        admin.pk,
    )
    assert event.summary == "Organisation hilltop created"


def test_organisation_create_refuses_a_short_name_in_use(organisation, unchanged):
    with unchanged(), pytest.raises(Conflict) as error:
        services.organisation_create(
            slug="riverside", name="Another", kind=Organisation.Kind.SCHOOL
        )
    assert error.value.message == "An organisation with the short name 'riverside' already exists."


def test_staff_person_create_makes_a_professional_with_a_verified_email(organisation, admin):
    since = last_sequence()

    person = services.staff_person_create(
        organisation=organisation,
        display_name="Sam Reed",
        email=" Sam.Reed@Example.org ",
        password="a long staff password",
        roles=[Role.WORKER, Role.COMMISSIONER],
        created_by=admin,
    )

    assert person.kind == Person.Kind.PROFESSIONAL
    assert person.user.email == person.user.username == "sam.reed@example.org"
    assert person.user.check_password("a long staff password")
    assert EmailAddress.objects.filter(user=person.user, verified=True, primary=True).exists()
    assert set(Membership.objects.filter(person=person).values_list("role", flat=True)) == {
        Role.WORKER,
        Role.COMMISSIONER,
    }
    (event,) = events_after(since)
    assert (event.action, event.organisation_id, event.actor_id) == (
        "accounts.person.create",
        organisation.pk,
        admin.pk,
    )
    assert event.summary == "Staff account created with roles commissioner, worker"
    assert_names_nobody([event], "Sam Reed", "sam.reed@example.org")


def test_staff_person_create_refuses_participant_roles_and_used_emails(
    organisation, admin, unchanged
):
    with unchanged():
        with pytest.raises(ValidationFailed) as participant:
            services.staff_person_create(
                organisation=organisation,
                display_name="X",
                email="x@example.org",
                password="a long staff password",
                roles=[Role.YOUNG_PERSON],
            )
        with pytest.raises(Conflict) as used:
            services.staff_person_create(
                organisation=organisation,
                display_name="X",
                email=admin.user.email.upper(),
                password="a long staff password",
                roles=[Role.WORKER],
            )
    assert participant.value.message == "Staff accounts cannot hold young person or parent roles."
    assert (used.value.message, used.value.field) == (
        "An account with this email address already exists.",
        "email",
    )


# person_create_offline ------------------------------------------------------------------------


def test_person_create_offline_records_a_young_person_without_a_sign_in(organisation, worker):
    since = last_sequence()
    # When a worker records a 12-year-old who takes part face to face
    person = services.person_create_offline(
        actor=actor_for_person(worker),
        organisation=organisation,
        display_name="  Jaz ",
        kind=Person.Kind.YOUNG_PERSON,
        contact_email=" parent@example.org ",
        **factories.birth_for_age(12),
    )
    # Then they are a young person in the organisation, with no sign-in
    assert person.display_name == "Jaz"
    assert person.user is None
    assert person.created_by == worker
    assert person.contact_email == "parent@example.org"
    assert person.needs_parental_consent
    assert list(Membership.objects.filter(person=person).values_list("organisation", "role")) == [
        (organisation.pk, Role.YOUNG_PERSON)
    ]
    # And the event names the kind, not the person
    (event,) = events_after(since)
    assert (event.action, event.organisation_id, event.actor_id) == (
        "accounts.person.create",
        organisation.pk,
        worker.pk,
    )
    assert event.summary == "Offline young person recorded"
    assert (event.object_type, event.object_id) == ("accounts.person", str(person.pk))
    assert_names_nobody([event], "Jaz", "parent@example.org", worker.display_name)
    assert_trail_intact()


def test_person_create_offline_records_a_parent_without_a_birth_date(organisation, worker):
    person = services.person_create_offline(
        actor=actor_for_person(worker),
        organisation=organisation,
        display_name="Jaz's mum",
        kind=Person.Kind.PARENT_CARER,
    )
    assert Membership.objects.get(person=person).role == Role.PARENT_CARER
    assert not person.needs_parental_consent


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"display_name": "  "}, "display_name", "Enter a display name."),
        (
            {"kind": Person.Kind.PROFESSIONAL},
            "kind",
            "Invite staff with “Invite a member of staff” on the People page instead.",
        ),
        (
            {"birth_month": None, "birth_year": None},
            "birth_month",
            "Enter the month and year of birth, so we know if a parent or carer must agree.",
        ),
        (
            {"birth_month": None, "birth_year": 2014},
            "birth_month",
            "Enter both the month and the year of birth.",
        ),
        (
            {"birth_month": 13, "birth_year": 2014},
            "birth_month",
            "Month of birth must be a number from 1 to 12.",
        ),
    ],
)
def test_person_create_offline_refuses_incomplete_details(
    organisation, worker, unchanged, arguments, field, message
):
    arguments = {
        "display_name": "Jaz",
        "kind": Person.Kind.YOUNG_PERSON,
        **factories.birth_for_age(12),
        **arguments,
    }
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.person_create_offline(
            actor=actor_for_person(worker), organisation=organisation, **arguments
        )
    assert (error.value.message, error.value.field) == (message, field)


@pytest.mark.parametrize("kind", [Person.Kind.COMMUNITY_MEMBER, "alien"])
def test_person_create_offline_refuses_kinds_that_are_not_offered(
    organisation, worker, unchanged, kind
):
    # Only young people and parents are recorded offline; anything else must not quietly
    # become a young person
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.person_create_offline(
            actor=actor_for_person(worker),
            organisation=organisation,
            display_name="Pat",
            kind=kind,
        )
    assert (error.value.message, error.value.field) == (
        "Select whether they are a young person or a parent or carer.",
        "kind",
    )


@pytest.mark.parametrize(
    "role", [Role.YOUNG_PERSON, Role.PARENT_CARER, Role.COUNCILLOR, Role.PROVIDER]
)
def test_person_create_offline_is_refused_without_the_role(
    organisation, person_with_role, unchanged, role
):
    actor = actor_for_person(person_with_role(role))
    with unchanged(), pytest.raises(NotPermitted) as error:
        services.person_create_offline(
            actor=actor,
            organisation=organisation,
            display_name="Jaz",
            kind=Person.Kind.YOUNG_PERSON,
            **factories.birth_for_age(12),
        )
    assert error.value.message == "You do not have permission to do this in this organisation."


def test_person_create_offline_is_refused_for_a_worker_of_another_organisation(
    organisation, other_organisation, person_with_role, unchanged
):
    outsider = actor_for_person(person_with_role(Role.WORKER, org=other_organisation))
    with unchanged(), pytest.raises(NotPermitted):
        services.person_create_offline(
            actor=outsider,
            organisation=organisation,
            display_name="Jaz",
            kind=Person.Kind.YOUNG_PERSON,
            **factories.birth_for_age(12),
        )


def test_person_record_view_logs_who_looked(organisation, worker, young_person):
    since = last_sequence()

    services.person_record_view(
        actor=actor_for_person(worker), organisation=organisation, person=young_person
    )

    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.person.view",
        worker.pk,
        organisation.pk,
        str(young_person.pk),
    )
    assert_names_nobody([event], young_person.display_name, young_person.user.username)


# person_export_data ---------------------------------------------------------------------------


def test_person_export_data_holds_everything_about_the_person(
    organisation, other_organisation, person_with_role
):
    # Given a young person in two organisations, with a consent withdrawn in one
    person = person_with_role(
        Role.YOUNG_PERSON, age=15, display_name="Rivvy", contact_email="rivvy@example.org"
    )
    factories.MembershipFactory(person=person, organisation=other_organisation)
    withdrawn = factories.ConsentFactory(
        person=person,
        organisation=other_organisation,
        purpose=Consent.Purpose.PHOTOS,
        withdrawn_at=timezone.now(),
    )
    since = last_sequence()
    # When they download their data
    data = services.person_export_data(actor=actor_for_person(person))
    # Then it has who they are, how they sign in, their roles and their consents
    assert data["person"] == {
        "id": str(person.public_id),
        "kind": "young_person",
        "display_name": "Rivvy",
        "birth_month": 1,
        "birth_year": timezone.localdate().year - 15,
        "contact_email": "rivvy@example.org",
        "created_at": person.created_at.isoformat(),
        "deletion_requested_at": None,
    }
    assert data["sign_in"] == {
        "username": person.user.username,
        "email": "",
        "email_addresses": [],
        "last_login": None,
    }
    assert sorted((m["organisation"], m["role"]) for m in data["memberships"]) == [
        ("Elsewhere School", "young_person"),
        ("Riverside Youth Service", "young_person"),
    ]
    assert sorted(
        (c["organisation"], c["purpose"], c["withdrawn_at"]) for c in data["consents"]
    ) == [
        ("Elsewhere School", "photos", withdrawn.withdrawn_at.isoformat()),
        ("Riverside Youth Service", "take_part", None),
    ]
    assert "password" not in str(data)
    # And the download is itself recorded, against nobody's organisation
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.person.export",
        person.pk,
        None,
        str(person.pk),
    )
    assert_names_nobody([event], "Rivvy", person.user.username, "rivvy@example.org")


def test_person_export_data_needs_someone_signed_in(unchanged):
    with unchanged(), pytest.raises(NotPermitted) as error:
        services.person_export_data(actor=ANONYMOUS)
    assert error.value.message == "Sign in to download your data."


# person_request_deletion ----------------------------------------------------------------------


def test_person_request_deletion_is_recorded_once(young_person):
    since = last_sequence()
    actor = actor_for_person(young_person)
    # When they ask twice
    first = services.person_request_deletion(actor=actor)
    second = services.person_request_deletion(actor=actor)
    # Then the first request's time stands, and one event is written
    assert first.deletion_requested_at is not None
    assert second.deletion_requested_at == first.deletion_requested_at
    young_person.refresh_from_db()
    assert young_person.deletion_requested_at == first.deletion_requested_at
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id) == (
        "accounts.person.deletion_request",
        young_person.pk,
        None,
    )
    assert_names_nobody([event], young_person.display_name, young_person.user.username)


def test_person_request_deletion_needs_someone_signed_in(unchanged):
    with unchanged(), pytest.raises(NotPermitted) as error:
        services.person_request_deletion(actor=ANONYMOUS)
    assert error.value.message == "Sign in to ask for your account to be deleted."


# membership_grant -----------------------------------------------------------------------------


def test_membership_grant_gives_a_staff_role_to_a_professional(organisation, admin, worker):
    since = last_sequence()

    membership = services.membership_grant(
        actor=actor_for_person(admin), organisation=organisation, person=worker, role="commissioner"
    )

    assert (membership.person, membership.role) == (worker, Role.COMMISSIONER)
    assert actor_for_person(worker).roles_in(organisation.pk) == {Role.WORKER, Role.COMMISSIONER}
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.membership.grant",
        admin.pk,
        organisation.pk,
        str(worker.pk),
    )
    assert (event.summary, event.data) == ("Role commissioner given", {"role": "commissioner"})
    assert_names_nobody([event], worker.display_name, admin.display_name, worker.user.username)
    assert_trail_intact()


def test_membership_grant_gives_a_parent_role_to_a_young_person(organisation, admin, young_person):
    membership = services.membership_grant(
        actor=actor_for_person(admin),
        organisation=organisation,
        person=young_person,
        role=Role.PARENT_CARER,
    )
    assert membership.role == Role.PARENT_CARER


STAFF_AND_PARTICIPANTS = (
    "Young people and parents can only hold the young person or parent role; "
    "staff roles are for professionals."
)


@pytest.mark.parametrize(
    ("holder", "role"),
    [
        (Role.YOUNG_PERSON, Role.WORKER),
        (Role.PARENT_CARER, Role.ORG_ADMIN),
        (Role.WORKER, Role.YOUNG_PERSON),
    ],
)
def test_membership_grant_keeps_staff_and_participant_roles_apart(
    organisation, admin, person_with_role, unchanged, holder, role
):
    person = person_with_role(holder)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.membership_grant(
            actor=actor_for_person(admin), organisation=organisation, person=person, role=role
        )
    assert (error.value.message, error.value.field) == (STAFF_AND_PARTICIPANTS, "role")


def test_membership_grant_refuses_a_role_they_already_have(organisation, admin, worker, unchanged):
    with unchanged(), pytest.raises(Conflict) as error:
        services.membership_grant(
            actor=actor_for_person(admin),
            organisation=organisation,
            person=worker,
            role=Role.WORKER,
        )
    assert (error.value.message, error.value.field) == (
        "They already have the role Participation worker.",
        "role",
    )


def test_membership_grant_refuses_someone_outside_the_organisation(
    organisation, other_organisation, admin, person_with_role, unchanged
):
    stranger = person_with_role(Role.WORKER, org=other_organisation)
    with unchanged(), pytest.raises(NotFound) as error:
        services.membership_grant(
            actor=actor_for_person(admin),
            organisation=organisation,
            person=stranger,
            role=Role.WORKER,
        )
    assert error.value.message == "That person is not part of this organisation."


@pytest.mark.parametrize("role", [Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON])
def test_membership_grant_is_refused_without_the_admin_role(
    organisation, person_with_role, unchanged, role
):
    actor = actor_for_person(person_with_role(role))
    target = person_with_role(Role.WORKER)
    with unchanged(), pytest.raises(NotPermitted):
        services.membership_grant(
            actor=actor, organisation=organisation, person=target, role=Role.ORG_ADMIN
        )


def test_membership_grant_is_refused_for_an_admin_of_another_organisation(
    organisation, other_organisation, person_with_role, worker, unchanged
):
    outsider = actor_for_person(person_with_role(Role.ORG_ADMIN, org=other_organisation))
    with unchanged(), pytest.raises(NotPermitted):
        services.membership_grant(
            actor=outsider, organisation=organisation, person=worker, role=Role.ORG_ADMIN
        )


# membership_revoke ----------------------------------------------------------------------------


def test_membership_revoke_takes_away_one_of_several_roles(organisation, admin, worker):
    extra = factories.MembershipFactory(
        person=worker, organisation=organisation, role=Role.COMMISSIONER
    )
    since = last_sequence()

    services.membership_revoke(
        actor=actor_for_person(admin), organisation=organisation, membership=extra
    )

    assert not Membership.objects.filter(pk=extra.pk).exists()
    assert actor_for_person(worker).roles_in(organisation.pk) == {Role.WORKER}
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.membership.revoke",
        admin.pk,
        organisation.pk,
        str(worker.pk),
    )
    assert (event.summary, event.data) == ("Role commissioner taken away", {"role": "commissioner"})
    assert_names_nobody([event], worker.display_name)


def test_an_admin_cannot_take_away_their_own_admin_role(organisation, admin, unchanged):
    # Given an admin who is also a worker
    factories.MembershipFactory(person=admin, organisation=organisation, role=Role.WORKER)
    own_admin = Membership.objects.get(person=admin, role=Role.ORG_ADMIN)
    # When they try to take away their own admin role
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.membership_revoke(
            actor=actor_for_person(admin), organisation=organisation, membership=own_admin
        )
    # Then they are told to ask another admin
    assert error.value.message == "You cannot take away your own admin role. Ask another admin."


def test_an_admin_can_take_away_their_own_other_roles(organisation, admin):
    own_worker = factories.MembershipFactory(
        person=admin, organisation=organisation, role=Role.WORKER
    )

    services.membership_revoke(
        actor=actor_for_person(admin), organisation=organisation, membership=own_worker
    )

    assert actor_for_person(admin).roles_in(organisation.pk) == {Role.ORG_ADMIN}


def test_another_admin_can_take_away_an_admin_role(organisation, admin, person_with_role):
    other_admin = person_with_role(Role.ORG_ADMIN)
    factories.MembershipFactory(person=other_admin, organisation=organisation, role=Role.WORKER)
    membership = Membership.objects.get(person=other_admin, role=Role.ORG_ADMIN)

    services.membership_revoke(
        actor=actor_for_person(admin), organisation=organisation, membership=membership
    )

    assert actor_for_person(other_admin).roles_in(organisation.pk) == {Role.WORKER}


def test_the_last_role_in_an_organisation_cannot_be_taken_away(
    organisation, admin, worker, unchanged
):
    only_role = Membership.objects.get(person=worker)
    with unchanged(), pytest.raises(ValidationFailed) as error:
        services.membership_revoke(
            actor=actor_for_person(admin), organisation=organisation, membership=only_role
        )
    assert error.value.message == (
        "This is their only role here. Give them another role first, "
        "or remove them from the organisation."
    )


def test_a_role_elsewhere_does_not_count_as_another_role_here(
    organisation, other_organisation, admin, worker, unchanged
):
    factories.MembershipFactory(person=worker, organisation=other_organisation, role=Role.WORKER)
    only_role_here = Membership.objects.get(person=worker, organisation=organisation)
    with unchanged(), pytest.raises(ValidationFailed):
        services.membership_revoke(
            actor=actor_for_person(admin), organisation=organisation, membership=only_role_here
        )


def test_membership_revoke_of_another_organisations_role_is_not_found(
    organisation, other_organisation, admin, person_with_role, unchanged
):
    elsewhere = person_with_role(Role.WORKER, org=other_organisation)
    factories.MembershipFactory(
        person=elsewhere, organisation=other_organisation, role=Role.PROVIDER
    )
    membership = Membership.objects.get(person=elsewhere, role=Role.PROVIDER)
    with unchanged(), pytest.raises(NotFound) as error:
        services.membership_revoke(
            actor=actor_for_person(admin), organisation=organisation, membership=membership
        )
    assert error.value.message == "That role is not in this organisation."


def test_membership_revoke_is_refused_for_a_worker(
    organisation, worker, person_with_role, unchanged
):
    target = person_with_role(Role.WORKER)
    extra = factories.MembershipFactory(
        person=target, organisation=organisation, role=Role.PROVIDER
    )
    with unchanged(), pytest.raises(NotPermitted):
        services.membership_revoke(
            actor=actor_for_person(worker), organisation=organisation, membership=extra
        )
