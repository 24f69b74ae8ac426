"""Two writes at once: a form sent twice records one decision, and a contribution hidden while
a decision cites it is never cited (two real PostgreSQL connections, tests/concurrency.py)."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.errors import ValidationFailed
from alongside.decisions import services
from alongside.decisions.models import Citation, Decision
from alongside.voice.models import Contribution
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.decisions.factories import ContributionFactory, InitiativeFactory

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _record(actor, organisation, key, cites):
    def run():
        return services.decision_record(
            actor=actor,
            organisation=organisation,
            title="The club opens on Saturdays",
            what_changed="It is open 10am to 4pm.",
            decided_by="The youth board",
            forum="",
            decided_on=timezone.localdate(),
            cites_contributions=cites,
            idempotency_key=key,
        )

    return run


def test_the_same_decision_sent_twice_at_once_is_recorded_once():
    # Given a worker and an idea
    organisation = factories.OrganisationFactory()
    actor = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    idea = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))
    key = uuid.uuid4()
    # When the same form arrives twice at the same moment
    first, second = run_concurrently(
        _record(actor, organisation, key, [idea]), _record(actor, organisation, key, [idea])
    )
    # Then both get the one decision, cited once
    assert first.ok, first.error
    assert second.ok, second.error
    assert first.result.pk == second.result.pk
    assert Decision.objects.count() == 1
    assert Citation.objects.count() == 1


def test_a_contribution_hidden_while_a_decision_cites_it_is_not_cited():
    # Given an idea, a worker citing it, and a moderator hiding it at the same moment
    organisation = factories.OrganisationFactory()
    actor = factories.actor(factories.person_with_role(Role.WORKER, organisation))
    idea = ContributionFactory(initiative=InitiativeFactory(organisation=organisation))

    def hide():
        # What a moderation service does: lock the row, then change its status.
        row = Contribution.objects.select_for_update().get(pk=idea.pk)
        row.status = Contribution.Status.HIDDEN
        row.moderation_reason = "It named someone"
        row.save(update_fields=["status", "moderation_reason"])

    # When the hiding goes first and the decision waits for it
    first, second = run_concurrently(hide, _record(actor, organisation, uuid.uuid4(), [idea]))
    # Then the decision saw the hidden idea and was refused; nothing was cited
    assert first.ok, first.error
    assert isinstance(second.error, ValidationFailed), second.error
    assert not Decision.objects.exists()
    assert not Citation.objects.exists()
