"""The pages reached from links we email, on a small phone: checking an address, accepting a
staff invitation, and asking for a passphrase reset."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.accounts.support import PASSPHRASE
from tests.system.conftest import PHONE, heading, screenshot, sign_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _path_in_last_email(pattern: str) -> str:
    match = re.search(rf"https?://[^/\s]+({pattern})", mail.outbox[-1].body)
    assert match is not None, mail.outbox[-1].body
    return match.group(1)


def _check(page: Any, label: str) -> None:
    assert_fits(page)
    screenshot(page, label)


def test_a_young_person_checks_the_address_they_gave(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a 15-year-old who gave an email address when they joined
    join_code = factories.JoinCodeFactory(organisation=organisation)
    services.join_code_redeem(
        code=join_code.code,
        username="river.fox",
        passphrase=PASSPHRASE,
        display_name="Rivvy",
        email="river@example.org",
        base_url="http://testserver/",
        **factories.birth_for_age(15),
    )
    link = _path_in_last_email(r"/email/verify/\S+/")
    page = new_page(PHONE)

    # When they open the link on their phone, and press the button
    visit(page, link)
    _check(page, "email-verify")
    submit(page, "Yes, this is my email address")

    # Then they are told it is done
    assert heading(page) == "Your email address is checked"
    _check(page, "email-verified")


def test_a_new_colleague_accepts_their_invitation(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    services.staff_invite(
        actor=actor_for_person(admin),
        organisation=organisation,
        display_name="Sam Patel",
        email="sam.patel.with.a.long.address@riverside-youth-service.example",
        role=Role.COMMISSIONER,
        base_url="http://testserver/",
    )
    link = _path_in_last_email(r"/staff/invitation/\S+/")
    page = new_page(PHONE)

    visit(page, link)
    _check(page, "staff-invitation")
    submit(page, "Choose passphrase and accept")
    assert page.title().startswith("Error: "), page.title()
    _check(page, "staff-invitation-errors")
    page.get_by_label("Choose a passphrase").fill("a long and unusual staff password 42")
    page.get_by_label("Type the passphrase again").fill("a long and unusual staff password 42")
    submit(page, "Choose passphrase and accept")

    assert page.url.endswith("/account/login/"), page.url
    assert "Your account is ready." in page.locator(".govuk-notification-banner").inner_text()


def test_a_colleague_with_an_account_signs_in_first_then_accepts(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a worker elsewhere who is invited to this organisation too
    admin = factories.person_with_role(Role.ORG_ADMIN, organisation)
    elsewhere = factories.OrganisationFactory(slug="elsewhere", name="Elsewhere School")
    colleague = factories.person_with_role(Role.WORKER, elsewhere, with_totp=False)
    secret = factories.give_totp(colleague)
    assert colleague.user is not None
    services.staff_invite(
        actor=actor_for_person(admin),
        organisation=organisation,
        display_name="Sam Patel",
        email=colleague.user.email,
        role=Role.WORKER,
        base_url="http://testserver/",
    )
    link = _path_in_last_email(r"/staff/invitation/\S+/")
    page = new_page(PHONE)
    # When they open the link without signing in, they are asked to sign in as themselves
    visit(page, link)
    assert heading(page) == "Sign in to accept your invitation"
    _check(page, "staff-invitation-sign-in")
    sign_in(page, colleague.user.email, factories.PASSWORD, totp_secret=secret)
    # Then, signed in, they accept and get the role
    visit(page, link)
    _check(page, "staff-invitation-accept")
    submit(page, "Accept invitation")
    assert "You are now" in page.locator(".govuk-notification-banner").inner_text()


def test_asking_for_a_reset_link(new_page: Callable[..., Any]) -> None:
    page = new_page(PHONE)

    visit(page, "/account/password/reset/")
    _check(page, "password-reset")
    page.get_by_label("Email address").fill("nobody@example.org")
    submit(page, "Send me a link")

    assert heading(page) == "Check your email"
    _check(page, "password-reset-done")
