"""Every API operation, called by everyone who might call it.

The table below is the API's permission rule written out: for each operation in the OpenAPI
schema, the status each kind of caller gets. An operation missing from the table fails the
build, so a new endpoint cannot arrive without saying who may use it.

The callers:
- ``anonymous``: no token;
- ``other_organisation``: an admin of another organisation, with that organisation's token;
- ``other_token``: an admin of both organisations, using the other organisation's token
  (a token acts in its own organisation only);
- ``without_role``: a councillor here (a staff member without the people roles);
- ``worker`` and ``admin``: role holders here.

Refusals must be problems and must change nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from alongside.accounts import rules
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.budgeting import permissions as budgeting_permissions
from alongside.config.api import api
from alongside.core.policy import Action
from alongside.credits import rules as credits_rules
from alongside.decisions.rules import DECISION_VIEW
from alongside.governance import rules as governance_rules
from alongside.initiatives import rules as initiative_rules
from alongside.voice import rules as voice_rules  # Themes and answers
from tests.api.support import rows_snapshot

CALLERS = ("anonymous", "other_organisation", "other_token", "without_role", "worker", "admin")


@dataclass(frozen=True)
class Expected:
    action: Action
    statuses: dict[str, int]
    body: Callable[[], dict[str, Any]] | None = None


def _everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(CALLERS, status)


def _staff_with(ok: int) -> dict[str, int]:
    return {
        "anonymous": 401,
        "other_organisation": 403,
        "other_token": 403,
        "without_role": 403,
        "worker": ok,
        "admin": ok,
    }


def _new_person() -> dict[str, Any]:
    return {"display_name": "Sam", "kind": "young_person", "birth_month": 3, "birth_year": 2012}


EXPECTED: dict[tuple[str, str], Expected] = {
    ("get", "/api/v1/organisations"): Expected(rules.PAGE_VIEW, _everyone(200)),
    ("get", "/api/v1/organisations/{slug}"): Expected(rules.PAGE_VIEW, _everyone(200)),
    ("get", "/api/v1/me"): Expected(rules.OWN_ACCOUNT, {**_everyone(200), "anonymous": 401}),
    ("get", "/api/v1/organisations/{slug}/people"): Expected(rules.PEOPLE_VIEW, _staff_with(200)),
    ("get", "/api/v1/organisations/{slug}/people/{person_id}"): Expected(
        rules.PEOPLE_VIEW, _staff_with(200)
    ),
    ("post", "/api/v1/organisations/{slug}/people"): Expected(
        rules.PERSON_CREATE, _staff_with(201), body=_new_person
    ),
    # Themes and answers
    ("get", "/api/v1/organisations/{slug}/contributions"): Expected(
        voice_rules.CONTRIBUTION_VIEW, _staff_with(200)
    ),
    ("get", "/api/v1/organisations/{slug}/answers"): Expected(
        voice_rules.ANSWER_VIEW, _staff_with(200)
    ),
    # decisions: public, no token needed (tests/decisions/test_public_words.py)
    ("get", "/api/v1/organisations/{slug}/you-said-we-did"): Expected(
        DECISION_VIEW, _everyone(200)
    ),
    ("get", "/api/v1/organisations/{slug}/decisions"): Expected(DECISION_VIEW, _everyone(200)),
    # Initiatives (issue 13): public fields of those that have opened, to anyone.
    ("get", "/api/v1/organisations/{slug}/initiatives"): Expected(
        initiative_rules.INITIATIVE_PUBLIC_VIEW, _everyone(200)
    ),
    # Youth budgets: only a young person casts their own ballot, so every staff token is
    # refused (tests/budgeting/test_voting_api.py has the young person's own calls).
    ("post", "/api/v1/rounds/{round_id}/ballots"): Expected(
        budgeting_permissions.BALLOT_CAST,
        {**_staff_with(403), "anonymous": 401},
        body=lambda: {"choices": [1], "idempotency_key": str(uuid.uuid4())},
    ),
    # Youth budget rounds: re-counting a published round is open to anyone.
    ("get", "/api/v1/rounds/{round_id}/ballots.pb"): Expected(
        budgeting_permissions.ROUND_PUBLIC_VIEW, _everyone(200)
    ),
    ("get", "/api/v1/rounds/{round_id}/results"): Expected(
        budgeting_permissions.ROUND_PUBLIC_VIEW, _everyone(200)
    ),
    # Youth budget rounds (issue 14): public settings of rounds past set-up, to anyone.
    ("get", "/api/v1/organisations/{slug}/rounds"): Expected(
        budgeting_permissions.ROUND_PUBLIC_VIEW, _everyone(200)
    ),
    # Governance (issue 15): boards and public meetings to anyone; a clerk records a vote.
    ("get", "/api/v1/organisations/{slug}/boards"): Expected(
        governance_rules.MEETING_PUBLIC_VIEW, _everyone(200)
    ),
    ("get", "/api/v1/organisations/{slug}/meetings"): Expected(
        governance_rules.MEETING_PUBLIC_VIEW, _everyone(200)
    ),
    ("post", "/api/v1/organisations/{slug}/meetings/{meeting_id}/motions/{motion_id}/vote"): (
        Expected(
            governance_rules.MEETING_RUN,
            _staff_with(200),
            body=lambda: {
                "votes_for": 3,
                "votes_against": 1,
                "abstentions": 0,
                "what_changes": "The club opens on Saturdays.",
            },
        )
    ),
    # Time credits (issue 16): a person's own credits, which no staff token holds (their
    # session's calls are in tests/credits/test_api.py); balances for staff who approve.
    ("get", "/api/v1/organisations/{slug}/credits/mine"): Expected(
        credits_rules.OWN_CREDITS, {**_staff_with(403), "anonymous": 401}
    ),
    ("get", "/api/v1/organisations/{slug}/credits/mine/history"): Expected(
        credits_rules.OWN_CREDITS, {**_staff_with(403), "anonymous": 401}
    ),
    ("get", "/api/v1/organisations/{slug}/credits/balances"): Expected(
        credits_rules.CREDITS_APPROVE, _staff_with(200)
    ),
    ("get", "/api/v1/organisations/{slug}/credits/rewards"): Expected(
        credits_rules.OWN_CREDITS, {**_staff_with(403), "anonymous": 401}
    ),
    ("post", "/api/v1/organisations/{slug}/credits/rewards/{reward_id}/take"): Expected(
        credits_rules.OWN_CREDITS,
        {**_staff_with(403), "anonymous": 401},
        body=lambda: {"idempotency_key": str(uuid.uuid4())},
    ),
    ("get", "/api/v1/organisations/{slug}/credits/mine/vouchers"): Expected(
        credits_rules.OWN_CREDITS, {**_staff_with(403), "anonymous": 401}
    ),
}


class _PathParams(dict[str, str]):
    """Path parameters, each made only when an operation's path asks for it. The round is a
    published one: re-counting needs one, and a ballot posted to it is refused (every caller
    here) before the round is looked at."""

    def __init__(self, organisation: Organisation, **given: str) -> None:
        super().__init__(given)
        self.organisation = organisation

    def __missing__(self, key: str) -> str:
        if key in ("meeting_id", "motion_id"):
            from tests.governance import factories_meetings

            room = factories_meetings.meeting_in_progress(organisation=self.organisation)
            motion = factories_meetings.motion_waiting(room)
            self["meeting_id"] = str(room.meeting.public_id)
            self["motion_id"] = str(motion.public_id)
            return self[key]
        if key == "reward_id":
            from alongside.credits.models import Reward

            reward = Reward.objects.create(
                organisation=self.organisation, name="Cinema ticket", cost_minutes=60
            )
            self[key] = str(reward.pk)
            return self[key]
        if key != "round_id":
            raise KeyError(key)
        from tests.budgeting import factories_results

        round_ = factories_results.published_round(self.organisation, ballots=[[1]])
        self[key] = str(round_.public_id)
        return self[key]


def _operations() -> dict[tuple[str, str], dict[str, Any]]:
    schema = api.get_openapi_schema()
    return {
        (method, path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }


def test_every_operation_in_the_schema_has_an_expected_entry():
    missing = sorted(set(_operations()) - set(EXPECTED))
    assert not missing, f"Add these operations to EXPECTED: {missing}"


def test_every_expected_entry_is_an_operation():
    stale = sorted(set(EXPECTED) - set(_operations()))
    assert not stale, f"Remove these from EXPECTED: {stale}"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_operation_asks_the_action_in_the_table(key):
    # The schema names the policy action each operation asks; the table must agree.
    operation = _operations()[key]
    assert operation["x-alongside-action"] == EXPECTED[key].action.name


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_the_table_agrees_with_the_policy(key):
    # Role holders succeed exactly where the policy gives their role the action.
    expected = EXPECTED[key]
    for caller, role in (("worker", Role.WORKER), ("admin", Role.ORG_ADMIN)):
        allowed = not expected.action.roles or role in expected.action.roles
        assert (expected.statuses[caller] < 400) == allowed, (key, caller)
    if Role.COUNCILLOR in expected.action.roles:
        assert expected.statuses["without_role"] < 400


@pytest.fixture
def world(
    organisation: Organisation,
    other_organisation: Organisation,
    admin: Person,
    admin_of_both: Person,
    young_person: Person,
    person_with_role: Callable[..., Person],
    token_for: Callable[[Person, Organisation], str],
    token_left_with: Callable[[str], str],
) -> dict[str, Any]:
    """Our organisation with a young person in it, and a token for each kind of caller."""
    other_admin = person_with_role(Role.ORG_ADMIN, other_organisation)
    tokens = {
        "anonymous": None,
        "other_organisation": token_for(other_admin, other_organisation),
        "other_token": token_for(admin_of_both, other_organisation),
        "without_role": token_left_with(Role.COUNCILLOR),
        "worker": token_left_with(Role.WORKER),
        "admin": token_for(admin, organisation),
    }
    return {
        "tokens": tokens,
        "path_params": _PathParams(
            organisation, slug=organisation.slug, person_id=str(young_person.public_id)
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_permission_matrix(world, call, key, caller):
    # Given the operation and the caller
    method, path = key
    expected = EXPECTED[key]
    url = path.format_map(world["path_params"])
    before = rows_snapshot()
    # When the caller calls it
    body = expected.body() if expected.body else None
    response = call(method, url, world["tokens"][caller], json=body)
    # Then the status is the one in the table
    want = expected.statuses[caller]
    assert response.status_code == want, (method, url, caller, response.content)
    if want >= 400:
        # And a refusal is a problem and changed nothing
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == want
        assert rows_snapshot() == before
