"""The pages: who gets the box to tell us, what a young person sees back, what a worker sees
after raising, and that every look a lead takes at a concern is written down."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.safeguarding import services
from alongside.safeguarding.models import Concern
from tests import factories
from tests.accounts.support import assert_names_nobody, events_after, last_sequence
from tests.safeguarding.factories import concern_by_staff, concern_from, contribution, lead

pytestmark = pytest.mark.django_db

HELP = "/unsafe-or-unhappy/"


def test_every_page_shows_the_route_to_help_even_signed_out(client, client_for, young_person):
    for response in (client.get("/"), client_for(young_person).get("/")):
        assert reverse("safeguarding:help") == HELP
        assert f'href="{HELP}"' in response.content.decode()
        assert "I feel unsafe or unhappy" in response.content.decode()


def test_someone_signed_out_is_told_who_to_talk_to_and_cannot_post(client, unchanged):
    response = client.get(HELP)
    page = response.content.decode()
    assert response.status_code == 200
    assert "0800 1111" in page
    assert "999" in page
    assert "<textarea" not in page
    with unchanged():
        assert client.post(HELP, {"text": "help", "idempotency_key": "x"}).status_code == 403


def test_staff_get_who_to_talk_to_and_where_to_raise_a_concern(
    client_for, organisation, worker, unchanged
):
    client = client_for(worker)
    page = client.get(HELP).content.decode()
    assert "<textarea" not in page
    assert reverse("safeguarding:concern-raise", args=[organisation.slug]) in page
    with unchanged():
        response = client.post(HELP, {"text": "x", "idempotency_key": "x"})
        assert response.status_code == 403


def test_a_young_person_tells_us_and_sees_someone_will_respond(
    client_for, organisation, young_person
):
    # Given a young person in one organisation with a lead
    lead(organisation)
    client = client_for(young_person)
    page = client.get(HELP).content.decode()
    assert "Tell us what is wrong" in page
    assert organisation.name in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]

    # When they send it empty, then properly, twice
    empty = client.post(HELP, {"text": "", "idempotency_key": key})
    assert "Tell us what is wrong" in empty.content.decode()
    assert "govuk-error-summary" in empty.content.decode()
    for _ in range(2):
        sent = client.post(HELP, {"text": "I am scared of the bus", "idempotency_key": key})
        assert sent["Location"] == reverse("safeguarding:help-sent")

    # Then one concern is stored, and the confirmation says someone will get back to them
    assert Concern.objects.count() == 1
    done = client.get(sent["Location"]).content.decode()
    assert "Someone will get back to you." in done
    assert "If you are in danger now, call 999." in done
    mine = client.get(reverse("safeguarding:my-concerns")).content.decode()
    assert "I am scared of the bus" in mine
    assert "Someone will respond." in mine


def test_in_several_organisations_they_choose_whom_to_tell(
    client_for, organisation, other_organisation, young_person
):
    factories.MembershipFactory(
        person=young_person, organisation=other_organisation, role=Role.YOUNG_PERSON
    )
    factories.ConsentFactory(person=young_person, organisation=other_organisation)
    client = client_for(young_person)
    choose = client.get(HELP).content.decode()
    assert "Who do you want to tell?" in choose
    assert other_organisation.name in choose
    assert "<textarea" not in choose
    tell = client.get(HELP, {"org": other_organisation.slug}).content.decode()
    key = tell.split('name="idempotency_key" value="')[1].split('"')[0]
    client.post(f"{HELP}?org={other_organisation.slug}", {"text": "Help", "idempotency_key": key})
    assert Concern.objects.get().organisation == other_organisation


def test_my_concerns_shows_a_shared_response_but_never_the_leads_note(
    client_for, organisation, young_person
):
    the_lead = lead(organisation)
    concern = concern_from(young_person, organisation)
    client = client_for(the_lead)
    base = f"/orgs/{organisation.slug}/safeguarding/{concern.public_id}"
    client.post(f"{base}/respond/", {"response": "We will talk on Tuesday."})
    mine = client_for(young_person).get(reverse("safeguarding:my-concerns")).content.decode()
    assert "We will talk on Tuesday." not in mine
    assert "Someone will respond." in mine
    client.post(f"{base}/respond/", {"response": "We will talk on Tuesday.", "share": "on"})
    client.post(f"{base}/close/", {"note": "Private note for the record"})
    mine = client_for(young_person).get(reverse("safeguarding:my-concerns")).content.decode()
    assert "We will talk on Tuesday." in mine
    assert "Private note for the record" not in mine


def test_a_worker_raising_a_concern_sees_a_reference_not_the_concern(
    client_for, organisation, worker, young_person
):
    lead(organisation)
    client = client_for(worker)
    url = reverse("safeguarding:concern-raise", args=[organisation.slug])
    page = client.get(url, {"about": young_person.public_id}).content.decode()
    assert young_person.display_name in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    response = client.post(
        f"{url}?about={young_person.public_id}",
        {"text": "Bruise on their arm, said a man did it", "idempotency_key": key},
    )
    page = response.content.decode()
    concern = Concern.objects.get()
    assert concern.about == young_person
    assert concern.raised_by == worker
    assert services.reference(concern) in page
    assert "Bruise" not in page
    # And they cannot open it
    detail = reverse("safeguarding:concern-detail", args=[organisation.slug, concern.public_id])
    assert client.get(detail).status_code == 403


LEAD_PAGES = ["concern-detail", "concern-acknowledge", "concern-respond", "concern-close"]


@pytest.mark.parametrize("name", LEAD_PAGES)
def test_every_look_at_a_concern_is_audited_without_its_words(
    client_for, organisation, young_person, name
):
    the_lead = lead(organisation)
    concern = concern_from(young_person, organisation, text="Uncle hits me when he is drunk")
    mark = last_sequence()
    url = reverse(f"safeguarding:{name}", args=[organisation.slug, concern.public_id])
    response = client_for(the_lead).get(url)
    assert response.status_code == 200
    (event,) = events_after(mark)
    assert event.action == "safeguarding.concern.view"
    assert event.actor_id == the_lead.pk
    assert_names_nobody([event], young_person.display_name, "Uncle", "drunk")


def test_the_lead_sees_the_words_and_who_raised_it(client_for, organisation, young_person):
    the_lead = lead(organisation)
    concern = concern_from(young_person, organisation, text="Uncle hits me\nwhen he is drunk")
    url = reverse("safeguarding:concern-detail", args=[organisation.slug, concern.public_id])
    page = client_for(the_lead).get(url).content.decode()
    assert "Uncle hits me" in page
    assert "when he is drunk" in page
    assert young_person.display_name in page


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SAFEGUARDING_LEAD])
def test_every_other_role_is_refused_every_concern_page(
    client_for, organisation, young_person, role, unchanged
):
    lead(organisation)
    concern = concern_from(young_person, organisation)
    client = client_for(factories.person_with_role(role, organisation))
    urls = [reverse("safeguarding:concern-list", args=[organisation.slug])] + [
        reverse(f"safeguarding:{name}", args=[organisation.slug, concern.public_id])
        for name in LEAD_PAGES
    ]
    with unchanged():
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, {"note": "x", "response": "x"}).status_code == 403, url


def test_the_list_marks_overdue_in_red_and_runs_the_same_queries_for_3_or_30(
    client_for, organisation, young_person
):
    the_lead = lead(organisation)
    client = client_for(the_lead)
    url = reverse("safeguarding:concern-list", args=[organisation.slug])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for _ in range(3):
        concern_from(young_person, organisation)
    client.get(url)
    three = count()
    for _ in range(27):
        concern_from(young_person, organisation)
    Concern.objects.update(acknowledge_by=timezone.now() - dt.timedelta(hours=1))
    assert count() == three
    page = client.get(url).content.decode()
    assert "govuk-tag--red" in page
    assert "Overdue" in page
    assert "govuk-pagination" in page
    assert not AuditEvent.objects.filter(action="safeguarding.concern.view").exists()


def test_a_leads_home_page_says_how_many_wait_in_the_same_queries(
    client_for, organisation, young_person, worker
):
    the_lead = lead(organisation)
    client = client_for(the_lead)
    concern_from(young_person, organisation)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        page = client.get("/").content.decode()
    assert "1 safeguarding concern is waiting for you" in page
    for _ in range(9):
        concern_by_staff(worker, organisation)
    with CaptureQueriesContext(connection) as ten:
        page = client.get("/").content.decode()
    assert "10 safeguarding concerns are waiting for you" in page
    assert len(one) == len(ten)
    # And nobody else's home page says anything about concerns
    assert "safeguarding concern" not in client_for(worker).get("/").content.decode()


def test_worried_about_a_contribution_points_the_concern_at_it(
    client_for, organisation, other_organisation, young_person, worker
):
    # Given something written on Alongside, and a lead
    the_lead = lead(organisation)
    words = contribution(organisation, young_person)
    # When a young person follows "I'm worried about this"
    client = client_for(young_person)
    url = f"{HELP}?contribution={words.public_id}"
    page = client.get(url).content.decode()
    assert "worried about something written on Alongside" in page
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    client.post(url, {"text": "This worries me", "idempotency_key": key})
    # And a worker raises one about it too
    raise_url = reverse("safeguarding:concern-raise", args=[organisation.slug])
    staff = client_for(worker)
    page = staff.get(raise_url, {"contribution": words.public_id}).content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    staff.post(
        f"{raise_url}?contribution={words.public_id}", {"text": "Read it", "idempotency_key": key}
    )
    # Then both concerns point at it, and the lead sees that
    assert Concern.objects.filter(contribution=words).count() == 2
    concern = Concern.objects.filter(kind="self").get()
    detail = reverse("safeguarding:concern-detail", args=[organisation.slug, concern.public_id])
    assert str(words.public_id) in client_for(the_lead).get(detail).content.decode()
    # And a contribution in a place they do not take part in is ignored, not an error
    elsewhere = contribution(other_organisation, young_person)
    page = client.get(f"{HELP}?contribution={elsewhere.public_id}").content.decode()
    assert "worried about something written" not in page
    assert client.get(f"{HELP}?contribution=not-a-uuid").status_code == 200
