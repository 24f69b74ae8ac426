"""Limits on guessing that nobody can turn against a child: failures count per (account,
address), then more slowly per account, so a stranger cannot lock a named child out and one
youth club's wifi cannot lock out a room."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db

STRANGER = "203.0.113.9"
HOME = "198.51.100.7"
YOUTH_CLUB = "192.0.2.44"
WRONG = "not my passphrase at all"
LOGIN = reverse("account_login")
RESET = reverse("accounts:reset-with-code")
LOCKED = (
    "Wait 5 minutes, then try again. If you have forgotten your passphrase, "
    "ask your youth worker for a reset code."
)
NOT_RIGHT = "The username or passphrase is not right."
NEW_PASSPHRASE = "orange kite lantern river"


def _client(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _sign_in(client: Client, username: str, password: str):
    return client.post(LOGIN, {"login": username, "password": password})


# Signing in ---------------------------------------------------------------------------------


def test_a_stranger_failing_50_times_does_not_lock_a_child_out(organisation):
    # Given a young person whose username a stranger knows
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    stranger = _client(STRANGER)

    # When the stranger fails 50 times for that username from their own address
    answers = [_sign_in(stranger, child.user.username, WRONG).content.decode() for _ in range(50)]

    # Then the stranger is told, in plain words, to wait
    assert NOT_RIGHT in answers[0]
    assert LOCKED in answers[-1]
    # And the child, from home, still signs in at once
    response = _sign_in(_client(HOME), child.user.username, factories.PASSWORD)
    assert response.status_code == 302


def test_30_children_on_one_wifi_each_mistyping_once_are_not_locked_out(organisation):
    # Given a room of young people on one youth club's wifi
    children = [factories.person_with_role(Role.YOUNG_PERSON, organisation) for _ in range(30)]

    # When each mistypes their passphrase once
    for child in children:
        body = _sign_in(_client(YOUTH_CLUB), child.user.username, WRONG).content.decode()
        assert NOT_RIGHT in body
        assert LOCKED not in body

    # Then each signs in with the right one
    for child in children:
        response = _sign_in(_client(YOUTH_CLUB), child.user.username, factories.PASSWORD)
        assert response.status_code == 302, child.user.username


def test_failures_from_many_addresses_meet_the_slower_per_account_limit(organisation, settings):
    # Given a per-account limit of 3 failures
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "3/h/key",
    }
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)

    # When tries come from four different addresses, once each
    answers = [
        _sign_in(_client(f"203.0.113.{n}"), child.user.username, WRONG).content.decode()
        for n in range(1, 5)
    ]

    # Then the fourth is held back: spreading guesses over addresses does not get round it
    assert [LOCKED in answer for answer in answers] == [False, False, False, True]


def test_a_successful_sign_in_gives_back_its_try(organisation, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "2/h/key",
    }
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    for _ in range(3):
        assert _sign_in(_client(HOME), child.user.username, factories.PASSWORD).status_code == 302
    assert NOT_RIGHT in _sign_in(_client(HOME), child.user.username, WRONG).content.decode()


# A worker's reset code ----------------------------------------------------------------------


def _reset_code_for(child, organisation) -> str:
    worker = factories.person_with_role(Role.WORKER, organisation)
    return services.reset_code_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )


def _redeem(client: Client, username: str, code: str):
    return client.post(RESET, {"username": username, "code": code, "passphrase": NEW_PASSPHRASE})


def test_a_stranger_guessing_reset_codes_does_not_stop_the_child_using_theirs(organisation):
    # Given a young person with a reset code from their worker
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    code = _reset_code_for(child, organisation)
    stranger = _client(STRANGER)

    # When a stranger guesses codes for that username 50 times
    answers = [
        _redeem(stranger, child.user.username, f"AAAA-BBBB-{n:04d}").content.decode()
        for n in range(50)
    ]

    # Then the stranger is told to wait, in plain words
    assert "Wait 5 minutes, then try again." in answers[-1]
    # And the child's own code still works from their address
    response = _redeem(_client(HOME), child.user.username, code)
    assert response.status_code == 302
    child.user.refresh_from_db()
    assert child.user.check_password(NEW_PASSPHRASE)


def test_30_children_on_one_wifi_each_mistyping_a_reset_code_are_not_locked_out(organisation):
    children = [factories.person_with_role(Role.YOUNG_PERSON, organisation) for _ in range(30)]
    codes = [_reset_code_for(child, organisation) for child in children]

    for child in children:
        body = _redeem(_client(YOUTH_CLUB), child.user.username, "AAAA-BBBB-CCCC").content
        assert b"Wait 5 minutes" not in body

    for child, code in zip(children, codes, strict=True):
        assert _redeem(_client(YOUTH_CLUB), child.user.username, code).status_code == 302


# Choosing a username when joining -------------------------------------------------------------


def _at_username_step(organisation, address: str = YOUTH_CLUB) -> Client:
    client = _client(address)
    join_code = factories.JoinCodeFactory(organisation=organisation)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})
    return client


def test_asking_again_and_again_whether_usernames_are_taken_is_slowed_down(organisation):
    # Given usernames that are taken
    for n in range(20):
        factories.UserFactory(username=f"sam{n}")
    client = _at_username_step(organisation)

    # When one joining session asks about them one after another
    answers = [
        client.post(
            reverse("accounts:join-username"), {"username": f"sam{n}", "display_name": "Sam"}
        ).content.decode()
        for n in range(20)
    ]

    # Then after a few answers it is told to wait, and stops learning who is here
    assert "That username is taken" in answers[0]
    assert "Wait a few minutes, then try again." in answers[-1]
    assert "That username is taken" not in answers[-1]


def test_one_joiner_being_slowed_down_does_not_slow_down_the_rest_of_the_room(
    organisation, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "join_username": "2/m/key"}
    factories.UserFactory(username="sam")
    first = _at_username_step(organisation)
    for _ in range(3):
        body = first.post(
            reverse("accounts:join-username"), {"username": "sam", "display_name": "Sam"}
        ).content.decode()
    assert "Wait a few minutes" in body

    # When someone else on the same wifi chooses a username
    second = _at_username_step(organisation)
    response = second.post(
        reverse("accounts:join-username"), {"username": "river.fox", "display_name": "River"}
    )

    # Then they carry on
    assert response.status_code == 302
