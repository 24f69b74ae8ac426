"""Checking a receipt code: however it is typed, what it says at each stage (received, in the
sealed set, what it helped fund), the same answer for any code it cannot find, and a limit on
tries per round and address that a youth club's wifi does not reach."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.counting import ballot_file_id
from alongside.budgeting.forms_voting import normalise_receipt
from alongside.budgeting.models import Ballot, Result, Round
from tests import factories
from tests.budgeting import factories as budget_factories

pytestmark = pytest.mark.django_db

SEAL = "5e" * 32
NOT_FOUND = "We cannot find a vote with that code."


def _receipt_url(round_: Round) -> str:
    return reverse("budgeting:receipt-check", args=[round_.public_id])


def _cast(round_: Round, choices: list[int], **kwargs: Any) -> Ballot:
    person = factories.person_with_role(Role.YOUNG_PERSON, round_.organisation, age=15)
    return services.ballot_cast(
        actor=factories.actor(person),
        round_=round_,
        choices=choices,
        idempotency_key=uuid.uuid4(),
        **kwargs,
    ).ballot


def _check(round_: Round, code: str, address: str = "198.51.100.7") -> str:
    response = Client(REMOTE_ADDR=address).post(_receipt_url(round_), {"code": code})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    return response.content.decode()


def _seal_and_publish(round_: Round, selected: list[int], *, publish: bool = True) -> None:
    now = timezone.now()
    Round.objects.filter(pk=round_.pk).update(
        stage=Round.Stage.RESULTS if publish else Round.Stage.COUNTING,
        voting_closes_at=now,
        sealed_at=now,
        seal=SEAL,
        published_at=now if publish else None,
    )
    round_.refresh_from_db()
    Result.objects.create(
        round=round_,
        rule=round_.rule,
        completion=round_.completion,
        budget_pence=round_.budget_pence,
        ballots_counted=Ballot.objects.filter(round=round_).count(),
        selected=selected,
        greedy_selected=selected,
        projects={},
        file_sha256=SEAL,
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ABCD-EFGH-JK23", "ABCD-EFGH-JK23"),
        ("abcd efgh jk23", "ABCD-EFGH-JK23"),
        (" abcdefghjk23 ", "ABCD-EFGH-JK23"),
        ("ABCD–EFGH—JK23", "ABCD-EFGH-JK23"),
        ("AB CD-EF.GH JK 23", "ABCD-EFGH-JK23"),
        ("ABCD-EFGH", "ABCDEFGH"),
        ("<script>", "<SCRIPT>"),
    ],
)
def test_a_code_is_read_however_it_was_typed(typed: str, stored: str) -> None:
    assert normalise_receipt(typed) == stored


def test_before_close_a_code_says_the_vote_was_received(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    ballot = _cast(round_, [1, 2])
    page = _check(round_, ballot.receipt_code.lower().replace("-", " "))
    assert "Your vote has been received" in page
    # And nothing about the count, or how anyone voted, is shown before close
    assert "sealed set" not in page
    assert "Project 1" not in page


def test_any_code_it_cannot_find_gets_the_same_answer(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    other = budget_factories.voting_round(organisation)
    elsewhere = _cast(other, [1])
    typed = ["WXYZ-2345-6789", elsewhere.receipt_code, "not a code at all"]
    answers = [_check(round_, code) for code in typed]
    # Then each is the same page, but for the code typed back into the box
    shapes = {
        re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]+"', "", page.replace(code, ""))
        for page, code in zip(answers, typed, strict=True)
    }
    assert len(shapes) == 1
    assert NOT_FOUND in answers[0]
    assert "govuk-error-summary" in answers[0]
    empty = Client().post(_receipt_url(round_), {"code": ""}).content.decode()
    assert "Enter the receipt code you were given when you voted" in empty


def test_after_sealing_a_code_says_it_is_in_the_sealed_set_with_its_name_in_the_file(
    organisation: Organisation,
) -> None:
    round_ = budget_factories.voting_round(organisation)
    ballot = _cast(round_, [1])
    _seal_and_publish(round_, [1], publish=False)
    page = _check(round_, ballot.receipt_code)
    assert "Your vote is in the sealed set" in page
    assert SEAL in page
    assert ballot_file_id(ballot.receipt_code) in page
    assert "What your vote helped fund" not in page


def test_after_results_a_code_shows_what_the_vote_helped_fund(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    helped = _cast(round_, [1, 3])
    missed = _cast(round_, [2])
    _seal_and_publish(round_, [3, 1])
    page = _check(round_, helped.receipt_code)
    assert "What your vote helped fund" in page
    assert "Project 3" in page
    assert "Project 1" in page
    assert "£30,000" in page
    assert "Project 2" not in page
    assert "None of the projects you chose got the money this time." in _check(
        round_, missed.receipt_code
    )


def test_a_replaced_vote_says_only_the_last_one_counts(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation, ballots_can_change=True)
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    first = services.ballot_cast(
        actor=factories.actor(person), round_=round_, choices=[1], idempotency_key=uuid.uuid4()
    ).ballot
    services.ballot_cast(
        actor=factories.actor(person), round_=round_, choices=[2], idempotency_key=uuid.uuid4()
    )
    page = _check(round_, first.receipt_code)
    assert "This vote was replaced" in page
    assert "Your vote has been received" not in page


def test_tries_are_limited_per_round_and_address(organisation: Organisation, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "receipt_check": "3/m/key",
        "receipt_check_round": "5/h/key",
    }
    round_ = budget_factories.voting_round(organisation)
    other = budget_factories.voting_round(organisation)
    ballot = _cast(round_, [1])
    # When one address tries three wrong codes, its fourth try is refused, even a right code
    for _ in range(3):
        assert NOT_FOUND in _check(round_, "ABCD-EFGH-JK23", "203.0.113.9")
    limited = _check(round_, ballot.receipt_code, "203.0.113.9")
    assert "You have tried too many times" in limited
    assert "Your vote has been received" not in limited
    # And the same address may still check another round, and another address this one
    assert NOT_FOUND in _check(other, "ABCD-EFGH-JK23", "203.0.113.9")
    assert "Your vote has been received" in _check(round_, ballot.receipt_code, "192.0.2.44")
    # And tries from many addresses meet the slower limit for the round
    assert NOT_FOUND in _check(round_, "ABCD-EFGH-JK23", "192.0.2.45")
    assert "You have tried too many times" in _check(round_, ballot.receipt_code, "192.0.2.46")


def test_a_room_on_one_wifi_checking_their_codes_is_not_limited(organisation: Organisation) -> None:
    round_ = budget_factories.voting_round(organisation)
    ballots = [_cast(round_, [1]) for _ in range(30)]
    for ballot in ballots:
        assert "Your vote has been received" in _check(round_, ballot.receipt_code, "192.0.2.44")
