"""Two answers given at the same moment, on two database connections (PostgreSQL only)."""

from __future__ import annotations

import uuid

import pytest

from alongside.accounts.roles import Role
from alongside.voice import services
from alongside.voice.models import Answer, Contribution
from tests import factories
from tests.concurrency import needs_postgres, run_concurrently
from tests.voice import factories_answers as made

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def test_two_theme_answers_at_once_set_each_first_answered_at_once(organisation):
    # Given two themes that share two contributions, and each has one of its own
    worker = factories.person_with_role(Role.WORKER, organisation)
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    shared = [made.contribution(organisation) for _ in range(2)]
    only_a, only_b = made.contribution(organisation), made.contribution(organisation)
    places, safe = made.theme(organisation, "Places"), made.theme(organisation, "Safe")
    made.in_theme(places, *shared, only_a)
    made.in_theme(safe, *shared, only_b)
    by_worker, by_admin = factories.actor(worker), factories.actor(admin)

    def answer(actor, theme):
        return lambda: services.answer_give(
            actor=actor,
            organisation=organisation,
            theme=theme,
            status=Answer.Status.CONSIDERING,
            text="We are looking at this now.",
            idempotency_key=uuid.uuid4(),
        )

    # When a worker and an admin answer the two themes at the same moment
    first, second = run_concurrently(answer(by_worker, places), answer(by_admin, safe))

    # Then both answers are saved
    assert first.ok, first.error
    assert second.ok, second.error
    assert Answer.objects.count() == 2
    # And every contribution was answered once: the shared ones when the first answer was
    # given (the second did not move it later), each other one by its own theme's answer
    answered = dict(Contribution.objects.values_list("pk", "first_answered_at"))
    assert all(answered[c.pk] == first.result.created_at for c in shared)
    assert answered[only_a.pk] == first.result.created_at
    assert answered[only_b.pk] == second.result.created_at


def test_the_same_answer_sent_twice_at_once_is_saved_once(organisation):
    worker = factories.person_with_role(Role.WORKER, organisation)
    item = made.contribution(organisation)
    actor = factories.actor(worker)
    key = uuid.uuid4()

    def answer():
        return services.answer_give(
            actor=actor,
            organisation=organisation,
            contribution=item,
            status=Answer.Status.HEARD,
            text="Thank you, we read it.",
            idempotency_key=key,
        )

    first, second = run_concurrently(answer, answer)

    assert first.ok, first.error
    assert second.ok, second.error
    assert first.result.pk == second.result.pk
    assert Answer.objects.count() == 1
