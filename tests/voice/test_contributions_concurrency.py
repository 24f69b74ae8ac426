"""The same contribution sent twice at the same moment (a double tap, a retried sync) is
stored once: the unique key decides, on two real PostgreSQL connections."""

from __future__ import annotations

import uuid

import pytest

from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.voice import services
from alongside.voice.models import Contribution
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.voice.factories import InitiativeFactory


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_twice_at_once_stores_one_contribution() -> None:
    # Given a young person on the check-your-answers page, with the key the page was given
    organisation = factories.OrganisationFactory()
    initiative = InitiativeFactory(organisation=organisation)
    young_person = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    key = uuid.uuid4()

    def send() -> Contribution:
        return services.contribution_submit(
            actor=actor_for_person(young_person),
            organisation=organisation,
            initiative=initiative,
            kind=Contribution.Kind.IDEA,
            text="A water fountain by the ramp",
            anonymity=Contribution.Anonymity.NOBODY,
            idempotency_key=key,
        )

    # When "Send" reaches the server twice at the same moment
    first, second = run_concurrently(send, send)

    # Then both get the same contribution, stored once and audited once
    assert first.ok, first.error
    assert second.ok, second.error
    assert first.result.pk == second.result.pk
    assert Contribution.objects.filter(idempotency_key=key).count() == 1
    assert AuditEvent.objects.filter(action="voice.contribution.submit").count() == 1
