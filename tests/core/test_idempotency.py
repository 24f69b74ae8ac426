"""core.idempotency.create_once: the unique key decides, a repeat returns the first row, and a
key reused for something else is refused (never answered with that row)."""

from __future__ import annotations

import uuid

import pytest
from django.db import IntegrityError, transaction

from alongside.core.errors import Conflict
from alongside.core.idempotency import KEY_REUSED, create_once
from alongside.initiatives.models import Session
from tests.voice.factories import InitiativeFactory, SessionFactory

pytestmark = pytest.mark.django_db


def _creator(key: uuid.UUID, calls: list[str], **fields: object):
    def create() -> Session:
        calls.append("create")
        return SessionFactory(idempotency_key=key, **fields)

    return create


def test_the_first_call_creates_and_a_repeat_returns_the_same_row() -> None:
    # Given a key a form made when it was first shown
    key = uuid.uuid4()
    initiative = InitiativeFactory()
    calls: list[str] = []
    # When the same request arrives twice
    first, made = create_once(
        Session,
        idempotency_key=key,
        create=_creator(key, calls, initiative=initiative),
        same=lambda row: True,
    )
    second, made_again = create_once(
        Session,
        idempotency_key=key,
        create=_creator(key, calls, initiative=initiative),
        same=lambda row: row.initiative_id == initiative.pk,
    )
    # Then one row exists, and the second call says it made nothing
    assert (made, made_again) == (True, False)
    assert first.pk == second.pk
    assert Session.objects.filter(idempotency_key=key).count() == 1


def test_a_key_used_for_something_else_is_refused_and_stores_nothing() -> None:
    key = uuid.uuid4()
    SessionFactory(idempotency_key=key)
    other_initiative = InitiativeFactory()
    with pytest.raises(Conflict) as refused:
        create_once(
            Session,
            idempotency_key=key,
            create=_creator(key, [], initiative=other_initiative),
            same=lambda row: row.initiative_id == other_initiative.pk,
        )
    assert refused.value.message == KEY_REUSED
    assert Session.objects.count() == 1


def test_the_callers_transaction_is_still_usable_after_a_repeat() -> None:
    # Given a repeat inside a service's own transaction
    key = uuid.uuid4()
    SessionFactory(idempotency_key=key)
    with transaction.atomic():
        create_once(Session, idempotency_key=key, create=_creator(key, []), same=lambda row: True)
        # Then the failed insert was undone in its savepoint, and the transaction goes on
        assert Session.objects.filter(idempotency_key=key).exists()
        SessionFactory()
    assert Session.objects.count() == 2


def test_another_constraint_failing_is_not_taken_for_a_repeat() -> None:
    # Given an insert that breaks a different rule (a session of 0 minutes), with a fresh key
    key = uuid.uuid4()
    # Then the database's refusal is raised, not swallowed
    with pytest.raises(IntegrityError):
        create_once(
            Session,
            idempotency_key=key,
            create=_creator(key, [], duration_minutes=0),
            same=lambda row: True,
        )
    assert not Session.objects.filter(idempotency_key=key).exists()
