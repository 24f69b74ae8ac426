"""Getting back into an account by email: only through an address its owner has shown is theirs,
and without telling anyone which addresses have accounts."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import TestCase
from django.urls import reverse

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import User
from alongside.core.errors import ValidationFailed
from tests import factories
from tests.accounts.support import PASSPHRASE, events_after, last_sequence

pytestmark = pytest.mark.django_db

RESET = reverse("account_reset_password")
# What differs between any two responses: the form's CSRF token and the script nonce.
PER_RESPONSE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')


def _ask_for_reset(client, email: str):
    client.get(RESET)
    # The email goes from a task queued when the request's work commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(RESET, {"email": email}, follow=True)


def _without_csrf(response) -> str:
    return PER_RESPONSE.sub("", response.content.decode())


def _staff_with_email(organisation, email: str):
    from alongside.accounts.roles import Role

    person = factories.person_with_role(Role.WORKER, organisation)
    person.user.email = email
    person.user.save(update_fields=["email"])
    EmailAddress.objects.filter(user=person.user).delete()
    EmailAddress.objects.create(user=person.user, email=email, primary=True, verified=True)
    return person


def _joined_with_email(join_code, email: str):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.join_code_redeem(
            code=join_code.code,
            username="river.fox",
            passphrase=PASSPHRASE,
            display_name="Rivvy",
            email=email,
            base_url="http://testserver/",
            **factories.birth_for_age(15),
        )


# A reset for an address with no account -------------------------------------------------------


def test_a_reset_for_an_unknown_address_answers_exactly_as_for_a_known_one(
    client_for, organisation
):
    # Given a member of staff with a checked address
    _staff_with_email(organisation, "sam@riverside.example")

    # When one visitor asks for a reset for that address and another for an unknown one
    known = _ask_for_reset(client_for(None), "sam@riverside.example")
    unknown = _ask_for_reset(client_for(None), "nobody@riverside.example")

    # Then neither fails, and both see the same page, word for word
    assert (known.status_code, unknown.status_code) == (200, 200)
    assert known.redirect_chain == unknown.redirect_chain
    assert _without_csrf(known) == _without_csrf(unknown)
    assert "Check your email" in unknown.content.decode()
    # And only the known address gets an email: nothing invites the stranger to sign up
    assert [message.to for message in mail.outbox] == [["sam@riverside.example"]]


def test_the_reset_email_is_ours_and_speaks_of_a_passphrase(client, organisation):
    _staff_with_email(organisation, "sam@riverside.example")

    _ask_for_reset(client, "sam@riverside.example")

    (message,) = mail.outbox
    assert message.subject == "Choose a new passphrase for Alongside"
    assert "[" not in message.subject
    assert "passphrase" in message.body
    link = re.search(r"http://testserver(/account/password/reset/key/\S+)", message.body)
    assert link is not None
    assert "password" not in message.body.replace(link.group(1), "").lower()
    # And the link works: it opens the page to choose a new one, which changes it
    response = client.get(link.group(1), follow=True)
    assert "Choose a new passphrase" in response.content.decode()
    assert "New passphrase" in response.content.decode()
    new = "a long and unusual staff password 42"
    client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    assert User.objects.get(email="sam@riverside.example").check_password(new)


# Recovery only through a checked address -----------------------------------------------------


def test_an_address_typed_at_join_gets_a_link_and_no_reset_until_it_is_opened(
    client_for, organisation
):
    # Given a 15-year-old who typed an email address when they joined
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "river@example.org")

    # Then the address is not checked, and is not yet the account's email
    address = EmailAddress.objects.get(user=person.user)
    assert address.verified is False
    assert User.objects.get(pk=person.user_id).email == ""
    # And a link to check it was mailed to it, in our words
    (verification,) = mail.outbox
    assert verification.to == ["river@example.org"]
    assert verification.subject == "Check this is your email address"
    mail.outbox.clear()

    # When whoever owns that address asks for a reset
    response = _ask_for_reset(client_for(None), "river@example.org")

    # Then they see the usual page, and no link is sent: the account is not theirs to take
    assert "Check your email" in response.content.decode()
    assert mail.outbox == []


def test_an_unchecked_address_does_not_sign_in(client, organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "river@example.org")
    # Even where the account's own email field holds it (as it did before this change)
    User.objects.filter(pk=person.user_id).update(email="river@example.org")

    response = client.post(
        reverse("account_login"), {"login": "river@example.org", "password": PASSPHRASE}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    # While the username still works
    response = client.post(reverse("account_login"), {"login": "river.fox", "password": PASSPHRASE})
    assert response.status_code == 302


def test_opening_the_link_checks_the_address_then_it_signs_in_and_recovers(client, organisation):
    # Given a young person's link to check their address
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "river@example.org")
    link = re.search(r"http://testserver(/email/verify/\S+/)", mail.outbox[0].body)
    assert link is not None
    mail.outbox.clear()
    before = last_sequence()

    # When they open it, only a button is shown: a mail scanner following links checks nothing
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert not EmailAddress.objects.get(user=person.user).verified
    # And when they press it, the address is theirs
    response = client.post(link.group(1))
    assert "Your email address is checked" in response.content.decode()
    assert EmailAddress.objects.get(user=person.user).verified
    assert User.objects.get(pk=person.user_id).email == "river@example.org"
    assert [e.action for e in events_after(before)] == ["accounts.email.verify"]

    # Then the address signs in and a reset is mailed to it
    response = client.post(
        reverse("account_login"), {"login": "river@example.org", "password": PASSPHRASE}
    )
    assert response.status_code == 302
    client.logout()
    _ask_for_reset(client, "river@example.org")
    assert [message.to for message in mail.outbox] == [["river@example.org"]]
    # And the link works once only
    assert "This link does not work" in client.post(link.group(1)).content.decode()


def test_a_link_cannot_give_an_address_another_account_holds(organisation):
    # Given someone joined with an address that a member of staff already uses
    _staff_with_email(organisation, "sam@riverside.example")
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "sam@riverside.example")
    key = re.search(r"/email/verify/(\S+)/", mail.outbox[-1].body).group(1)

    # When the link is used, it is refused without naming anyone
    with pytest.raises(Exception, match="cannot be added to this account") as error:
        services.email_address_verify(key=key)
    assert "staff" not in str(error.value)
    assert not EmailAddress.objects.get(user=person.user).verified


def test_a_forged_or_unknown_key_is_refused():
    with pytest.raises(ValidationFailed, match="This link does not work"):
        services.email_address_verify(key="not-a-key")


def test_a_young_persons_page_says_how_to_recover_until_the_address_is_checked(
    client_for, organisation
):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "river@example.org")

    body = client_for(person).get(reverse("accounts:my-account")).content.decode()

    assert (
        "We have sent a link to river@example.org to check it is yours. Until you open it, "
        "ask your youth worker if you forget your passphrase."
    ) in body

    EmailAddress.objects.filter(user=person.user).update(verified=True)
    body = client_for(person).get(reverse("accounts:my-account")).content.decode()
    assert "We have sent a link" not in body
    assert "river@example.org" in body


def test_joining_with_an_address_someone_else_uses_says_nothing_about_them(organisation):
    # Given an address already used by another account
    factories.UserFactory(username="someone", email="river@example.org")
    join_code = factories.JoinCodeFactory(organisation=organisation)

    # When a young person joins with it, the join is not refused (that would tell them)
    person = _joined_with_email(join_code, "river@example.org")

    # Then the address waits, unchecked, and the other account is untouched
    assert not EmailAddress.objects.get(user=person.user).verified
    assert User.objects.get(username="someone").email == "river@example.org"


def test_my_data_includes_an_address_waiting_to_be_checked(organisation):
    join_code = factories.JoinCodeFactory(organisation=organisation)
    person = _joined_with_email(join_code, "river@example.org")

    data = services.person_export_data(actor=actor_for_person(person))

    assert data["sign_in"]["email_addresses"] == [{"email": "river@example.org", "checked": False}]
