"""A young person says they feel unsafe from their home page on a phone; the designated
safeguarding lead sees it and picks it up; a worker and an organisation admin who open its
address are refused, and the worker raises a concern of their own, shown only its reference."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from tests import factories
from tests.system.conftest import PHONE, click, follow, heading, screenshot, sign_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _staff(role: Role, organisation: Organisation) -> tuple[Any, str]:
    person = factories.person_with_role(role, organisation, with_totp=False)
    return person, factories.give_totp(person)


def test_a_concern_reaches_the_lead_and_no_other_member_of_staff(
    new_page: Callable[..., Any], organisation: Organisation
) -> None:
    # Given a young person on their home page on a phone, and a designated safeguarding lead
    young = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=14)
    lead, lead_secret = _staff(Role.SAFEGUARDING_LEAD, organisation)
    assert young.user is not None
    assert lead.user is not None
    phone = new_page(PHONE)
    sign_in(phone, young.user.username, factories.PASSWORD)
    assert heading(phone).startswith("Hello")

    # When they follow "I feel unsafe or unhappy" (in view without opening the menu)
    route = phone.get_by_role("link", name="I feel unsafe or unhappy", exact=True)
    assert route.is_visible()
    follow(phone, "I feel unsafe or unhappy")
    # Then one question asks what is wrong; sent empty, it says what to do
    assert heading(phone) == "Tell us what is wrong"
    submit(phone, "Send")
    assert phone.title().startswith("Error: ")
    phone.get_by_label("Tell us what is wrong").fill("Older kids at the bus stop take my phone.")
    submit(phone, "Send")
    panel = phone.locator(".govuk-panel").inner_text()
    assert "Someone will get back to you." in panel
    assert "If you are in danger now, call 999." in phone.locator("main").inner_text()
    screenshot(phone, "sent")
    concern = Concern.objects.get()

    # When the lead signs in, their home page says one concern waits, and they open it
    desk = new_page()
    sign_in(desk, lead.user.email, factories.PASSWORD, totp_secret=lead_secret)
    assert "1 safeguarding concern is waiting for you" in desk.locator("main").inner_text()
    follow(desk, "See the safeguarding concerns")
    assert heading(desk) == "Safeguarding concerns"
    follow(desk, f"Concern {services.reference(concern)}")
    assert "Older kids at the bus stop take my phone." in desk.locator("main").inner_text()
    assert AuditEvent.objects.filter(action="safeguarding.concern.view").count() == 1
    # And picks it up
    # (a GOV.UK button that is a link: role "button")
    click(desk, desk.get_by_role("button", name="Pick up this concern"))
    submit(desk, "Pick it up")
    assert (
        "You have picked up this concern."
        in desk.locator(".govuk-notification-banner").inner_text()
    )
    concern.refresh_from_db()
    assert concern.status == Concern.Status.ACKNOWLEDGED
    assert concern.acknowledged_by == lead
    concern_url = desk.url
    screenshot(desk, "picked-up")

    # When a worker and an organisation admin open the concern's address
    looks = AuditEvent.objects.filter(action="safeguarding.concern.view").count()
    staff = {}
    for role in (Role.WORKER, Role.ORG_ADMIN):
        person, secret = _staff(role, organisation)
        assert person.user is not None
        other = staff[role] = new_page()
        sign_in(other, person.user.email, factories.PASSWORD, totp_secret=secret)
        visit(other, concern_url, status=403)
        # Then they get the refusal page, with none of its words
        assert "Older kids" not in other.locator("body").inner_text()
    # And their tries are no look at it
    assert AuditEvent.objects.filter(action="safeguarding.concern.view").count() == looks

    # When the worker raises a concern of their own
    worker = staff[Role.WORKER]
    visit(worker, f"/orgs/{organisation.slug}/safeguarding/raise/")
    worker.get_by_label("What did you see, hear or read?").fill("A bruise on Jo's arm again.")
    submit(worker, "Raise concern")
    # Then they are shown its reference to quote, and the lead has been told
    raised = Concern.objects.exclude(pk=concern.pk).get()
    panel = worker.locator(".govuk-panel").inner_text()
    assert "Concern raised" in panel
    assert services.reference(raised) in panel
    assert "have been told" in worker.locator("main").inner_text()
    screenshot(worker, "raised")
