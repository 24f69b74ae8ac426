"""Staff set up two-factor authentication before they can see anyone's personal data."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import (
    follow,
    heading,
    screenshot,
    sign_in,
    submit,
    totp_code,
    visit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SET_UP = "/account/2fa/totp/activate/"


def test_staff_cannot_reach_personal_data_before_setting_up_two_factor(
    page: Any, organisation: Organisation
) -> None:
    # Given a worker who has not set up an authenticator app, and a young person they support
    worker = factories.person_with_role(Role.WORKER, organisation, with_totp=False)
    factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name="Robin")
    assert worker.user is not None
    people = f"/orgs/{organisation.slug}/people/"

    # When they sign in with their password
    sign_in(page, worker.user.email, factories.PASSWORD)

    # Then they are sent to set up their authenticator app, not to their home page (and
    # django-allauth asks for the password once more before two-factor can be changed)
    assert "/account/reauthenticate/" in page.url, page.url
    assert heading(page) == "Confirm it is you"
    screenshot(page, "confirm-password")
    page.get_by_label("Passphrase", exact=True).fill(factories.PASSWORD)
    submit(page, "Confirm")
    assert page.url.endswith(SET_UP), page.url
    assert heading(page) == "Set up your authenticator app"
    screenshot(page, "set-up")

    # When they go straight to the People page
    visit(page, people)
    # Then they are sent back to set-up, and nobody's details are shown
    assert page.url.endswith(SET_UP), page.url
    assert "Robin" not in page.locator("body").inner_text()

    # When they type the secret key from the page into their app and enter its code
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert len(secret) >= 16, secret
    page.get_by_label("Code", exact=True).fill(totp_code(secret))
    submit(page, "Turn on two-factor")

    # Then they see their recovery codes, once
    assert heading(page) == "Recovery codes"
    codes = page.get_by_test_id("recovery-codes").locator("li").all_inner_texts()
    assert len(codes) == 10, codes
    screenshot(page, "recovery-codes")
    assert Authenticator.objects.filter(user=worker.user, type=Authenticator.Type.TOTP).exists()

    # And they can now open People and see the young person
    follow(page, "Continue to Alongside")
    follow(page, "People")
    assert page.url.endswith(people), page.url
    assert heading(page) == "People"
    assert page.get_by_role("link", name="Robin").is_visible()
