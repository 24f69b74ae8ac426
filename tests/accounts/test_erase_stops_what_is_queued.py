"""Erasing a child stops their consent links and queued emails; every task checks its subject."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services, tasks
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, ParentConsentRequest, Person, StaffInvitation
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from tests import factories
from tests.accounts.test_parent_consent_email import DATABASE_TASKS

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture
def world():
    organisation = factories.OrganisationFactory(slug="riverside")
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    worker = factories.person_with_role(Role.WORKER, organisation)
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=10, consent=False)
    return organisation, admin, worker, child


def _erase(organisation, admin, child) -> None:
    services.person_erase(actor=actor_for_person(admin), organisation=organisation, person=child)


@override_settings(TASKS=DATABASE_TASKS)
def test_an_email_queued_before_erasure_is_never_sent(world):
    organisation, admin, worker, child = world
    # Given a consent email queued for a child's parent, not yet sent
    services.parent_consent_email_request(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=child,
        email="parent@example.org",
        base_url="http://testserver/",
    )
    # When the child is erased before the worker runs
    _erase(organisation, admin, child)
    run_worker()
    # Then nothing is sent, and the request is cancelled and forgets the address
    assert mail.outbox == []
    request = ParentConsentRequest.objects.get(person=child)
    assert request.cancelled_at is not None
    assert request.send_to == ""
    assert request.token_hash is None
    assert not AuditEvent.objects.filter(action="accounts.consent.link_emailed").exists()
    assert AuditEvent.objects.get(action="accounts.person.erase").data == {
        "consent_requests_cancelled": 1
    }


def test_a_link_made_before_erasure_stops_working(world, client):
    organisation, admin, worker, child = world
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )

    _erase(organisation, admin, child)
    response = client.post(
        reverse("accounts:parent-consent", args=[token]),
        {"given_by_name": "Mo", "relationship": "parent", "purposes": ["take_part"]},
    )

    assert response.status_code == 404
    assert not Consent.objects.filter(person=child).exists()


def test_the_consent_email_task_checks_the_child_is_not_erased(world):
    organisation, _admin, _worker, child = world
    # Given a request whose task is still to run, for a child erased some other way
    request = ParentConsentRequest.objects.create(
        person=child,
        organisation=organisation,
        send_to="parent@example.org",
        expires_at=timezone.now() + dt.timedelta(days=7),
    )
    Person.objects.filter(pk=child.pk).update(erased_at=timezone.now())

    tasks.parent_consent_email_send.call(request_id=request.pk, base_url="http://testserver/")

    assert mail.outbox == []


def test_the_consent_email_task_is_quiet_when_its_request_is_gone(world):
    # A request deleted with its organisation must not make the worker fail forever
    tasks.parent_consent_email_send.call(request_id=999_999, base_url="http://testserver/")
    assert mail.outbox == []


def test_the_invitation_task_checks_the_invitation_still_exists(world):
    tasks.staff_invitation_send.call(invitation_id=999_999, base_url="http://testserver/")
    assert mail.outbox == []


def test_the_invitation_task_sends_nothing_for_an_invitation_replaced_or_accepted(world):
    organisation, admin, _worker, _child = world
    invitation = StaffInvitation.objects.create(
        organisation=organisation,
        email="new@example.org",
        display_name="Sam Patel",
        role=Role.WORKER,
        expires_at=timezone.now() + dt.timedelta(days=3),
        created_by=admin,
        used_at=timezone.now(),
    )

    tasks.staff_invitation_send.call(invitation_id=invitation.pk, base_url="http://testserver/")

    assert mail.outbox == []


def test_the_address_check_and_reset_tasks_send_nothing_once_the_account_is_erased(world):
    organisation, admin, _worker, _child = world
    teen = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    # A checked address a reset would go to, and one waiting for its link
    EmailAddress.objects.create(
        user=teen.user, email="teen@example.org", primary=True, verified=True
    )
    waiting = EmailAddress.objects.create(user=teen.user, email="new@example.org", verified=False)
    user_id, address_id = teen.user_id, waiting.pk
    _erase(organisation, admin, teen)

    tasks.email_verification_send.call(email_address_id=address_id, base_url="http://testserver/")
    tasks.password_reset_email_send.call(
        user_id=user_id, email="teen@example.org", base_url="http://testserver/"
    )

    assert mail.outbox == []
