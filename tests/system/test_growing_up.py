"""Growing up and the parent's link, in a browser on a small phone: a 13-year-old makes their own
choices, a 20-year-old is told they are a community member, a worker extends a youth offer, and
a parent says who they are (while the child is turned away)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import Role
from tests import factories
from tests.system.conftest import PHONE, heading, screenshot, sign_in, submit, visit
from tests.system.test_sweep import assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_13_year_old_makes_their_own_choices_on_a_phone(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a 13-year-old whose parent agreed when they were 12
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=13, consent=False, display_name="Jaz"
    )
    factories.ConsentFactory(
        person=person, organisation=organisation, given_by=Consent.GivenBy.PARENT_ONLINE
    )
    assert person.user is not None
    page = new_page(PHONE)
    # When they sign in, they are sent to make their own choices
    sign_in(page, person.user.username, factories.PASSWORD)
    assert heading(page) == "You can now decide for yourself"
    assert_fits(page)
    screenshot(page, "own-consent")
    # And sending it with nothing ticked explains what is needed
    submit(page, "Save my choices")
    assert page.title().startswith("Error: "), page.title()
    assert_fits(page)
    page.get_by_label("Taking part online").check()
    submit(page, "Save my choices")
    # Then they are home, on their own consent
    assert "replaces what your parent or carer agreed to" in page.locator("main").inner_text()
    assert Consent.objects.in_force().get(person=person).given_by == Consent.GivenBy.SELF


def test_a_20_year_old_is_told_they_are_a_community_member(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    person = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=20)
    assert person.user is not None
    page = new_page(PHONE)

    sign_in(page, person.user.username, factories.PASSWORD)

    assert heading(page) == "You are now a community member"
    assert_fits(page)
    screenshot(page, "community-member")
    assert Person.objects.get(pk=person.pk).kind == Person.Kind.COMMUNITY_MEMBER


def test_a_worker_extends_a_youth_offer_on_a_phone(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    worker = factories.person_with_role(Role.WORKER, organisation, with_totp=False)
    secret = factories.give_totp(worker)
    person = factories.person_with_role(
        Role.YOUNG_PERSON, organisation, age=17, display_name="A" * 60
    )
    assert worker.user is not None
    page = new_page(PHONE)
    sign_in(page, worker.user.email, factories.PASSWORD, totp_secret=secret)
    url = f"/orgs/{organisation.slug}/people/{person.public_id}/youth-offer/"

    visit(page, url)
    assert_fits(page)
    screenshot(page, "youth-offer")
    # The current answer is shown
    assert page.get_by_label("No, the usual age").is_checked()
    page.get_by_label("Yes, until 25").check()
    submit(page, "Save")

    # (The person page's consent table is too wide at 375 px: fixed with the 375 px sweep.)
    assert "Until they are 25" in page.locator(".govuk-summary-list").inner_text()


def test_the_parent_says_who_they_are_and_the_child_is_turned_away(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    worker = factories.person_with_role(Role.WORKER, organisation)
    child = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=11, consent=False)
    token = services.parent_consent_link_create(
        actor=actor_for_person(worker), organisation=organisation, person=child
    )
    link = f"/consent/{token}/"
    # Given the child, signed in on their phone, opens the link: they are turned away
    assert child.user is not None
    child_page = new_page(PHONE)
    sign_in(child_page, child.user.username, factories.PASSWORD)
    visit(child_page, link, status=403)
    assert "This link is for your parent or carer" in child_page.locator("main").inner_text()
    assert_fits(child_page)
    # When the parent, on their own phone, sends the form empty
    parent = new_page(PHONE)
    visit(parent, link)
    submit(parent, "I agree")
    errors = parent.locator(".govuk-error-summary").inner_text()
    assert "Enter your full name" in errors
    assert "Select how you are related to the young person" in errors
    assert_fits(parent)
    screenshot(parent, "parent-consent-errors")
    # And then fills it in
    parent.get_by_label("Your full name").fill("Mo Khan")
    parent.get_by_label("Something else", exact=True).check()
    parent.get_by_label("If you chose something else, how are you related?").fill("Grandparent")
    parent.get_by_label("Taking part online").check()
    submit(parent, "I agree")
    # Then it is recorded with who gave it
    assert "Your consent has been recorded" in parent.locator(".govuk-panel").inner_text()
    consent = Consent.objects.get(person=child)
    assert (consent.given_by_name, consent.given_by_relationship_other) == (
        "Mo Khan",
        "Grandparent",
    )
