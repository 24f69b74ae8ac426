"""A worker emails a consent link; `alongside worker` sends it; the parent agrees."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, ParentConsentRequest
from alongside.accounts.roles import Role
from alongside.core.errors import ValidationFailed
from alongside.core.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _queue_email(organisation, worker, child) -> None:
    services.parent_consent_email_request(
        actor=actor_for_person(worker),
        organisation=organisation,
        person=child,
        email="parent@example.org",
        base_url="http://testserver/",
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_worker_sends_the_link_and_the_parent_can_use_it(client) -> None:
    # Given a worker and a child under 13 who is waiting for a parent to agree
    organisation = factories.OrganisationFactory(slug="riverside")
    worker = factories.person_with_role(Role.WORKER, organisation)
    child = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, birth_year=2017, consent=False
    )
    # When the worker asks for the link to be emailed
    _queue_email(organisation, worker, child)
    # Then nothing is sent until the background worker runs
    assert mail.outbox == []
    request = ParentConsentRequest.objects.get(person=child)
    assert request.token_hash is None
    assert request.send_to == "parent@example.org"
    # When `alongside worker` processes the queue
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # Then one email went, with a working link, and the address is no longer kept
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["parent@example.org"]
    link = re.search(r"http://testserver(/consent/[\w-]+/)", mail.outbox[0].body)
    assert link is not None
    request.refresh_from_db()
    assert request.token_hash
    assert request.send_to == ""
    assert AuditEvent.objects.filter(action="accounts.consent.link_emailed").count() == 1
    # And the parent can agree through it
    response = client.post(
        link.group(1),
        {
            "given_by_name": "Mo Khan",
            "relationship": Consent.Relationship.PARENT,
            "purposes": [Consent.Purpose.TAKE_PART],
        },
    )
    assert response.status_code == 200
    assert Consent.objects.filter(
        person=child, given_by=Consent.GivenBy.PARENT_ONLINE, withdrawn_at__isnull=True
    ).exists()


@override_settings(TASKS=DATABASE_TASKS)
def test_running_the_worker_twice_sends_one_email() -> None:
    organisation = factories.OrganisationFactory(slug="riverside")
    worker = factories.person_with_role(Role.WORKER, organisation)
    child = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, birth_year=2017, consent=False
    )
    _queue_email(organisation, worker, child)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1


def test_no_email_is_queued_for_someone_who_can_agree_themselves() -> None:
    organisation = factories.OrganisationFactory(slug="riverside")
    worker = factories.person_with_role(Role.WORKER, organisation)
    teenager = factories.person_with_role(Role.YOUNG_PERSON, organisation, birth_year=2008)
    with pytest.raises(ValidationFailed, match="13 or over"):
        _queue_email(organisation, worker, teenager)
    assert not ParentConsentRequest.objects.exists()
