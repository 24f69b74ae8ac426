"""Accounts pages over HTTP: joining, errors, two-factor for staff, logging views, own data."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, JoinCode, Person, User
from alongside.accounts.roles import Role
from alongside.accounts.views.joining import JOIN_SESSION_KEY
from alongside.core.models import AuditEvent
from tests import factories
from tests.accounts.support import PASSPHRASE, assert_names_nobody, events_after, last_sequence

pytestmark = pytest.mark.django_db

TOO_MANY_TRIES = "You have tried too many times. Wait a few minutes, then try again."
INVALID_CODE = "That code is not right, has expired or has been used up. Check it with your worker."


def page_title(response) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", response.content.decode(), re.S)
    assert match, "the page has no title"
    return " ".join(match.group(1).split())


def assert_session_holds_no_passphrase(client) -> None:
    """Neither the session as the app sees it, nor its stored form, holds the plain passphrase."""
    session = client.session
    assert PASSPHRASE not in json.dumps(dict(session.items()), default=str)
    from django.contrib.sessions.models import Session

    stored = Session.objects.filter(session_key=session.session_key).first()
    if stored is not None:
        assert PASSPHRASE not in stored.session_data
        assert PASSPHRASE not in json.dumps(stored.get_decoded(), default=str)


# Joining, one question per page ---------------------------------------------------------------


def test_joining_at_15_step_by_step(client, organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    birth = factories.birth_for_age(15)
    # Given the join page
    response = client.get(reverse("accounts:join-code"))
    assert response.status_code == 200
    assert page_title(response) == "Join with a code – Alongside"
    # When they enter the code as they heard it
    response = client.post(
        reverse("accounts:join-code"), {"code": join_code.code.lower().replace("-", " ")}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:join-username")
    assert client.session[JOIN_SESSION_KEY]["code"] == join_code.code
    # And choose a username
    response = client.get(reverse("accounts:join-username"))
    assert response.status_code == 200
    assert "Riverside Youth Service" in response.content.decode()
    response = client.post(
        reverse("accounts:join-username"), {"username": "River.Fox", "display_name": "Rivvy"}
    )
    assert response.url == reverse("accounts:join-passphrase")
    # And a passphrase: only its hash is kept
    response = client.post(reverse("accounts:join-passphrase"), {"passphrase": PASSPHRASE})
    assert response.url == reverse("accounts:join-birth")
    assert_session_holds_no_passphrase(client)
    assert client.session[JOIN_SESSION_KEY]["passphrase_hash"]
    # And their month and year of birth
    response = client.post(reverse("accounts:join-birth"), birth)
    assert response.url == reverse("accounts:join-email")
    assert_session_holds_no_passphrase(client)
    # And skip the email
    response = client.post(reverse("accounts:join-email"), {"email": ""})
    assert response.url == reverse("accounts:join-consent")
    # And agree to taking part
    response = client.get(reverse("accounts:join-consent"))
    assert response.status_code == 200
    assert_session_holds_no_passphrase(client)
    response = client.post(
        reverse("accounts:join-consent"), {"purposes": [Consent.Purpose.TAKE_PART]}
    )
    assert response.url == reverse("accounts:join-done")
    # Then they are signed in, their account is ready, and the join state is gone
    assert JOIN_SESSION_KEY not in client.session
    assert_session_holds_no_passphrase(client)
    response = client.get(reverse("accounts:join-done"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "river.fox" in content
    assert "You can now see what you can take part in." in content
    person = Person.objects.get(user__username="river.fox")
    assert person.user.check_password(PASSPHRASE)
    assert (person.display_name, person.birth_year) == ("Rivvy", birth["birth_year"])
    assert actor_for_person(person).roles_in(organisation.pk) == {Role.YOUNG_PERSON}
    assert AuditEvent.objects.filter(action="accounts.sign_in", actor_id=person.pk).exists()
    # And their home page greets them
    assert "Hello, Rivvy" in client.get(reverse("home:index")).content.decode()


def test_joining_under_13_skips_email_and_waits_for_a_parent(client, organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})
    client.post(reverse("accounts:join-username"), {"username": "small.fox"})
    client.post(reverse("accounts:join-passphrase"), {"passphrase": PASSPHRASE})
    # When an 11-year-old gives their birth month and year
    response = client.post(reverse("accounts:join-birth"), factories.birth_for_age(11))
    # Then they are not asked for an email, and cannot reach that page
    assert response.url == reverse("accounts:join-consent")
    assert client.get(reverse("accounts:join-email")).url == reverse("accounts:join-code")
    # And the last page explains a parent must agree, and asks them to tick nothing
    response = client.get(reverse("accounts:join-consent"))
    content = response.content.decode()
    assert "Because you are under 13" in content
    assert 'name="purposes"' not in content
    response = client.post(reverse("accounts:join-consent"), {})
    assert response.url == reverse("accounts:join-done")
    content = client.get(reverse("accounts:join-done")).content.decode()
    assert "A parent or carer needs to agree before you can take part." in content
    person = Person.objects.get(user__username="small.fox")
    assert not Consent.objects.filter(person=person).exists()
    assert person.user.email == ""


def test_claiming_an_offline_record_under_13_asks_no_email_and_no_consent(
    client, organisation, worker
):
    # Given an 11-year-old a worker recorded, and their claim code
    offline = factories.offline_person(organisation, age=11, display_name="Sky")
    claim = services.join_code_create(
        actor=actor_for_person(worker),
        organisation=organisation,
        label="Claim",
        claim_person=offline,
    )
    client.post(reverse("accounts:join-code"), {"code": claim.code})
    client.post(reverse("accounts:join-username"), {"username": "sky.claims"})
    # When they choose a passphrase (no birth date page: the worker recorded it)
    response = client.post(reverse("accounts:join-passphrase"), {"passphrase": PASSPHRASE})
    # Then, being under 13, they go straight to the last page, which asks them to tick nothing
    assert response.url == reverse("accounts:join-consent")
    assert 'name="purposes"' not in client.get(reverse("accounts:join-consent")).content.decode()
    response = client.post(reverse("accounts:join-consent"), {})
    assert response.url == reverse("accounts:join-done")
    offline.refresh_from_db()
    assert offline.user.username == "sky.claims"


def test_a_join_page_without_the_earlier_answers_goes_back_to_the_start(client):
    for name in ("join-username", "join-passphrase", "join-birth", "join-email", "join-consent"):
        response = client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302
        assert response.url == reverse("accounts:join-code")


def test_a_wrong_code_shows_the_error_summary_and_an_error_title(client, organisation):
    # When someone enters a code that does not exist
    response = client.post(reverse("accounts:join-code"), {"code": "ABCD-EFGH"})
    # Then the page is shown again with the error summary first and "Error: " in the title
    assert response.status_code == 200
    content = response.content.decode()
    assert page_title(response) == "Error: Join with a code – Alongside"
    assert "govuk-error-summary" in content
    assert content.index("govuk-error-summary") < content.index("<form")
    assert INVALID_CODE in content
    assert 'href="#id_code"' in content
    assert JOIN_SESSION_KEY not in client.session


def test_posting_an_empty_join_form_binds_it_and_shows_errors(client):
    response = client.post(reverse("accounts:join-code"), {})
    assert response.status_code == 200
    assert page_title(response) == "Error: Join with a code – Alongside"
    assert "Enter your join code" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_a_username_already_taken_is_shown_on_its_field(client, organisation):
    factories.UserFactory(username="river.fox")
    join_code = factories.JoinCodeFactory(organisation=organisation)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})

    response = client.post(reverse("accounts:join-username"), {"username": "River.Fox"})

    assert response.status_code == 200
    assert page_title(response).startswith("Error: Choose a username")
    assert "That username is taken. Try adding a number or a word." in response.content.decode()


def test_a_weak_passphrase_is_refused_and_not_kept(client, organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})
    client.post(reverse("accounts:join-username"), {"username": "river.fox"})

    response = client.post(reverse("accounts:join-passphrase"), {"passphrase": "password"})

    assert response.status_code == 200
    content = response.content.decode()
    assert page_title(response).startswith("Error: ")
    assert "This password is too short." in content
    assert 'value="password"' not in content
    assert "passphrase_hash" not in client.session[JOIN_SESSION_KEY]


def test_a_code_used_up_during_joining_is_reported_on_the_last_page(client, organisation):
    # Given someone who started joining with the last place on a code
    join_code = factories.JoinCodeFactory(organisation=organisation, max_uses=1)
    client.post(reverse("accounts:join-code"), {"code": join_code.code})
    client.post(reverse("accounts:join-username"), {"username": "river.fox"})
    client.post(reverse("accounts:join-passphrase"), {"passphrase": PASSPHRASE})
    client.post(reverse("accounts:join-birth"), factories.birth_for_age(15))
    client.post(reverse("accounts:join-email"), {"email": ""})
    # When someone else takes the place first
    JoinCode.objects.filter(pk=join_code.pk).update(uses=1)
    response = client.post(
        reverse("accounts:join-consent"), {"purposes": [Consent.Purpose.TAKE_PART]}
    )
    # Then they are told plainly, and no account is made
    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    assert INVALID_CODE in response.content.decode()
    assert not User.objects.filter(username="river.fox").exists()


def test_the_join_code_rate_limit_eventually_refuses_more_guesses(client, organisation, settings):
    # Given the configured limit on join code tries from one address
    per_minute = int(settings.ACCOUNT_RATE_LIMITS["join_code"].split(",")[0].split("/")[0])
    real_code = factories.JoinCodeFactory(organisation=organisation)
    # When someone guesses codes over and over
    for attempt in range(per_minute):
        response = client.post(reverse("accounts:join-code"), {"code": f"ABCD-{attempt:04d}"})
        assert INVALID_CODE in response.content.decode(), attempt
    response = client.post(reverse("accounts:join-code"), {"code": "ABCD-EFGH"})
    # Then they are told to wait, even with a real code
    assert TOO_MANY_TRIES in response.content.decode()
    response = client.post(reverse("accounts:join-code"), {"code": real_code.code})
    assert response.status_code == 200
    assert TOO_MANY_TRIES in response.content.decode()
    assert page_title(response).startswith("Error: ")


def test_a_lower_join_code_rate_limit_is_respected(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "join_code": "2/m/ip"}
    contents = [
        client.post(reverse("accounts:join-code"), {"code": "ABCD-EFGH"}).content.decode()
        for _ in range(3)
    ]
    assert [TOO_MANY_TRIES in content for content in contents] == [False, False, True]


# Staff two-factor -----------------------------------------------------------------------------


def test_staff_without_two_factor_are_sent_to_set_it_up(client, organisation, person_with_role):
    # Given a worker who has not set up an authenticator app signs in with their password
    worker = person_with_role(Role.WORKER, with_totp=False)
    response = client.post(
        reverse("account_login"), {"login": worker.user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    # When they open the people page
    response = client.get(reverse("accounts:person-list", args=[organisation.slug]))
    # Then they are sent to set up two-factor first
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # And the set-up page opens (after confirming their password, as django-allauth asks),
    # with no redirect loop between the two
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert client.get(response.url).status_code == 200
    response = client.post(response.url, {"password": factories.PASSWORD})
    assert response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    # And so do pages with nothing personal on them
    assert client.get(reverse("home:privacy")).status_code == 200
    # And their home page does not
    assert client.get(reverse("home:index")).url == reverse("mfa_activate_totp")


def test_staff_with_two_factor_reach_their_pages(client_for, organisation, worker):
    response = client_for(worker).get(reverse("accounts:person-list", args=[organisation.slug]))
    assert response.status_code == 200


def test_young_people_are_not_asked_for_two_factor(client_for, young_person):
    response = client_for(young_person).get(reverse("home:index"))
    assert response.status_code == 200
    assert "Hello, " in response.content.decode()


# Staff pages ----------------------------------------------------------------------------------


def test_opening_a_persons_details_is_logged(client_for, organisation, worker, person_with_role):
    person = person_with_role(Role.YOUNG_PERSON, display_name="Rivvy")
    since = last_sequence()

    response = client_for(worker).get(
        reverse("accounts:person-detail", args=[organisation.slug, person.public_id])
    )

    assert response.status_code == 200
    assert "Rivvy" in response.content.decode()
    (event,) = events_after(since)
    assert (event.action, event.actor_id, event.organisation_id, event.object_id) == (
        "accounts.person.view",
        worker.pk,
        organisation.pk,
        str(person.pk),
    )
    assert_names_nobody([event], "Rivvy", person.user.username)


def test_a_person_in_another_organisation_is_not_found_and_not_logged(
    client_for, organisation, other_organisation, worker
):
    stranger = factories.offline_person(other_organisation)
    since = last_sequence()

    response = client_for(worker).get(
        reverse("accounts:person-detail", args=[organisation.slug, stranger.public_id])
    )

    assert response.status_code == 404
    assert events_after(since) == []


@pytest.mark.parametrize("who", ["young_person", "other_worker", "commissioner"])
def test_the_people_page_is_refused_without_the_role(
    client_for, organisation, other_organisation, person_with_role, who
):
    person = {
        "young_person": lambda: person_with_role(Role.YOUNG_PERSON),
        "other_worker": lambda: person_with_role(Role.WORKER, org=other_organisation),
        "commissioner": lambda: person_with_role(Role.COMMISSIONER),
    }[who]()
    response = client_for(person).get(reverse("accounts:person-list", args=[organisation.slug]))
    assert response.status_code == 403


def test_the_people_page_sends_anonymous_visitors_to_sign_in(client, organisation):
    response = client.get(reverse("accounts:person-list", args=[organisation.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_refused_post_changes_nothing(client_for, organisation, young_person, unchanged):
    client = client_for(young_person)
    with unchanged():
        response = client.post(
            reverse("accounts:join-code-create", args=[organisation.slug]),
            {"label": "Sneaky", "role": Role.YOUNG_PERSON, "days": 14, "max_uses": 30},
        )
    assert response.status_code == 403


def test_a_worker_adds_someone_offline(client_for, organisation, worker):
    response = client_for(worker).post(
        reverse("accounts:person-create", args=[organisation.slug]),
        {"display_name": "Jaz", "kind": Person.Kind.YOUNG_PERSON, **factories.birth_for_age(12)},
    )
    person = Person.objects.get(display_name="Jaz")
    assert response.status_code == 302
    assert response.url == reverse(
        "accounts:person-detail", args=[organisation.slug, person.public_id]
    )


def test_an_empty_add_person_form_shows_errors(client_for, organisation, worker):
    response = client_for(worker).post(
        reverse("accounts:person-create", args=[organisation.slug]), {}
    )
    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    content = response.content.decode()
    assert "Enter a display name" in content
    assert "Select who they are" in content


# My data --------------------------------------------------------------------------------------


def test_my_data_downloads_as_json_and_is_logged(client_for, organisation, person_with_role):
    person = person_with_role(Role.YOUNG_PERSON, display_name="Rivvy")
    since = last_sequence()

    response = client_for(person).get(reverse("accounts:my-data"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="my-alongside-data.json"'
    data = json.loads(response.content)
    assert data["person"]["display_name"] == "Rivvy"
    assert data["person"]["id"] == str(person.public_id)
    assert data["sign_in"]["username"] == person.user.username
    assert data["memberships"] == [
        {
            "organisation": "Riverside Youth Service",
            "role": "young_person",
            "since": data["memberships"][0]["since"],
        }
    ]
    assert [c["purpose"] for c in data["consents"]] == ["take_part"]
    (event,) = events_after(since)
    assert (event.action, event.actor_id) == ("accounts.person.export", person.pk)


def test_my_data_needs_signing_in(client):
    response = client.get(reverse("accounts:my-data"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_my_account_lets_a_young_person_withdraw_consent(client_for, organisation, young_person):
    consent = Consent.objects.get(person=young_person)
    client = client_for(young_person)

    response = client.post(reverse("accounts:my-consent-withdraw", args=[consent.pk]), {})

    assert response.url == reverse("accounts:my-account")
    consent.refresh_from_db()
    assert consent.withdrawn_by == young_person
    assert actor_for_person(young_person).roles_in(organisation.pk) == frozenset()


def test_someone_elses_consent_cannot_be_withdrawn_from_my_account(
    client_for, person_with_role, young_person, unchanged
):
    other = person_with_role(Role.YOUNG_PERSON)
    consent = Consent.objects.get(person=young_person)
    client = client_for(other)
    with unchanged():
        response = client.post(reverse("accounts:my-consent-withdraw", args=[consent.pk]), {})
    assert response.status_code == 404


def test_a_wrong_passphrase_is_refused_and_recorded_against_the_account(client, young_person):
    since = last_sequence()

    response = client.post(
        reverse("account_login"),
        {"login": young_person.user.username, "password": "not the right passphrase"},
    )

    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    assert "The username or passphrase is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session
    events = events_after(since)
    assert [(e.action, e.actor_id) for e in events] == [("accounts.sign_in_failed", None)]
    assert_names_nobody(events, young_person.display_name, young_person.user.username)


def test_a_wrong_two_factor_code_is_refused_in_plain_words(client, worker):
    # Given a worker with an authenticator app has typed the right password
    response = client.post(
        reverse("account_login"), {"login": worker.user.email, "password": factories.PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")

    # When they type a code the app did not show
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})

    # Then the page says what to do, and they are not signed in
    assert response.status_code == 200
    assert page_title(response).startswith("Error: ")
    assert "That code is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session
