"""Your notices: newest first, new ones tagged, "Mark all as read", a count in the header."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.core.models import AuditEvent
from alongside.notices.models import Notice
from tests.notices.factories import notice

pytestmark = pytest.mark.django_db

URL = "/my/notices/"


def badge(html: str) -> str | None:
    """The number in the header's Notices item, if it has one."""
    match = re.search(r'alongside-nav-badge">(\d+)<span class="govuk-visually-hidden"> new', html)
    return match.group(1) if match else None


def test_the_address_is_my_notices():
    assert reverse("notices:my-notices") == URL


def test_notices_show_newest_first_with_new_ones_tagged_and_linked(
    client_for, young_person, organisation
):
    # Given an older notice they read and a newer one they have not
    old = notice(young_person, organisation, text="Your idea got an answer", url="/ideas/1/")
    Notice.objects.filter(pk=old.pk).update(read_at=old.created_at)
    notice(young_person, organisation, text="A decision used what you said", url="/decisions/2/")
    # When they open their notices
    html = client_for(young_person).get(URL).content.decode()
    # Then the newer comes first, tagged as new, and each links to where it happened (through
    # its own address, which marks it read on the way)
    assert html.index("A decision used what you said") < html.index("Your idea got an answer")
    assert html.count(">\n  New\n</strong>") + html.count(">New</strong>") == 1
    newer = Notice.objects.get(url="/decisions/2/")
    for item, text in [(newer, "A decision used what you said"), (old, "Your idea got an answer")]:
        link = reverse("notices:notice-open", args=[item.pk])
        assert f'<a class="govuk-link" href="{link}">{text}</a>' in html
    # And the header counts one new notice
    assert badge(html) == "1"


def test_someone_else_s_notices_are_never_shown(client_for, young_person, person_with_role):
    other = person_with_role("young_person")
    notice(other, text="Something for someone else")
    html = client_for(young_person).get(URL).content.decode()
    assert "Something for someone else" not in html
    assert "You have no notices yet." in html
    assert badge(html) is None


def test_mark_all_as_read_marks_those_shown_and_keeps_one_that_came_since(
    client_for, young_person, organisation
):
    # Given two new notices on the page they opened
    client = client_for(young_person)
    first, second = notice(young_person, organisation), notice(young_person, organisation)
    page = client.get(URL).content.decode()
    up_to = re.search(r'name="up_to" value="(\d+)"', page).group(1)
    assert up_to == str(second.pk)
    # And a third that arrives while the page is open
    later = notice(young_person, organisation)
    # When they press "Mark all as read"
    response = client.post(URL, {"up_to": up_to}, follow=True)
    # Then the two they saw are read, the later one is still new, and they are told
    html = response.content.decode()
    assert "Your notices are marked as read." in html
    assert set(Notice.objects.filter(read_at__isnull=False).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert Notice.objects.get(pk=later.pk).read_at is None
    assert badge(html) == "1"
    # And it was recorded, naming nobody
    event = AuditEvent.objects.get(action="notices.notice.read_all")
    assert event.data == {"notices": 2}
    assert event.actor_id == young_person.pk


def test_pressing_it_twice_changes_nothing_more(client_for, young_person):
    client = client_for(young_person)
    notice(young_person)
    client.post(URL, {})
    read_at = Notice.objects.get().read_at
    response = client.post(URL, {}, follow=True)
    assert "You had no new notices." in response.content.decode()
    assert Notice.objects.get().read_at == read_at
    assert AuditEvent.objects.filter(action="notices.notice.read_all").count() == 1


def test_with_nothing_new_there_is_no_button(client_for, young_person):
    n = notice(young_person)
    Notice.objects.filter(pk=n.pk).update(read_at=n.created_at)
    html = client_for(young_person).get(URL).content.decode()
    assert "Mark all as read" not in html


def test_the_list_is_paginated_and_the_button_on_page_two_stops_at_the_newest(
    client_for, young_person
):
    # Given 30 new notices
    made = [notice(young_person, text=f"Notice number {n}") for n in range(30)]
    client = client_for(young_person)
    # When they open the second page
    html = client.get(URL + "?page=2").content.decode()
    # Then it shows the oldest 5, and the button there still marks up to the newest
    assert "Notice number 4<" in html
    assert "Notice number 5<" not in html
    assert "Showing 26 to 30 of 30" in html
    assert f'name="up_to" value="{made[-1].pk}"' in html


def test_the_page_runs_the_same_queries_for_5_or_50_notices(client_for, young_person):
    client = client_for(young_person)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    # Given 5 notices (and a first visit, so the session exists like a real visitor's)
    for _ in range(5):
        notice(young_person)
    client.get(URL)
    five = queries()
    # When there are 50
    for _ in range(45):
        notice(young_person)
    fifty = queries()
    # Then the page asked the database as many times
    assert five == fifty


def test_every_signed_in_page_has_the_notices_item_and_one_query_for_its_count(
    client_for, young_person
):
    client = client_for(young_person)
    client.get("/")
    for _ in range(3):
        notice(young_person)
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/").content.decode()
    assert badge(html) == "3"
    assert '"/my/notices/"' in html
    counting = [q["sql"] for q in captured if "notices_notice" in q["sql"]]
    assert len(counting) == 1, counting


def test_visitors_who_are_not_signed_in_see_no_notices_item(client):
    html = client.get("/").content.decode()
    assert "/my/notices/" not in html


def test_opening_a_notice_marks_it_read_and_goes_where_it_points(
    client_for, young_person, organisation
):
    # Given two new notices
    client = client_for(young_person)
    answered = notice(young_person, organisation, text="Your idea got an answer", url="/ideas/1/")
    other = notice(young_person, organisation, text="A decision used what you said")
    page = client.get(URL).content.decode()
    assert badge(page) == "2"
    # When they open one from the list
    link = reverse("notices:notice-open", args=[answered.pk])
    assert f'<a class="govuk-link" href="{link}">Your idea got an answer</a>' in page
    response = client.get(link)
    # Then they go where it points, it is read, and the header counts one new notice
    assert (response.status_code, response["Location"]) == (302, "/ideas/1/")
    assert Notice.objects.get(pk=answered.pk).read_at is not None
    assert Notice.objects.get(pk=other.pk).read_at is None
    assert badge(client.get(URL).content.decode()) == "1"
    # And it was recorded once, naming nobody
    event = AuditEvent.objects.get(action="notices.notice.read")
    assert (event.actor_id, event.object_type, event.object_id) == (
        young_person.pk,
        "notices.notice",
        str(answered.pk),
    )


def test_opening_it_again_changes_nothing_more(client_for, young_person):
    client = client_for(young_person)
    opened = notice(young_person, url="/my/what-happened/")
    link = reverse("notices:notice-open", args=[opened.pk])
    client.get(link)
    read_at = Notice.objects.get().read_at
    response = client.get(link)
    assert response["Location"] == "/my/what-happened/"
    assert Notice.objects.get().read_at == read_at
    assert AuditEvent.objects.filter(action="notices.notice.read").count() == 1


def test_opening_one_after_mark_all_as_read_changes_nothing(client_for, young_person):
    client = client_for(young_person)
    opened = notice(young_person)
    client.post(URL, {})
    client.get(reverse("notices:notice-open", args=[opened.pk]))
    assert not AuditEvent.objects.filter(action="notices.notice.read").exists()


def test_someone_else_s_notice_is_not_found_and_stays_new(
    client_for, young_person, person_with_role, unchanged
):
    theirs = notice(young_person)
    stranger = client_for(person_with_role("young_person"))
    with unchanged():
        response = stranger.get(reverse("notices:notice-open", args=[theirs.pk]))
    assert response.status_code == 404
    assert Notice.objects.get(pk=theirs.pk).read_at is None


@pytest.mark.parametrize("pointing", ["", "//elsewhere.example/", "https://elsewhere.example/"])
def test_a_notice_pointing_nowhere_or_off_the_site_goes_back_to_the_list(
    client_for, young_person, pointing
):
    opened = notice(young_person, url=pointing)
    response = client_for(young_person).get(reverse("notices:notice-open", args=[opened.pk]))
    assert response["Location"] == URL
    assert Notice.objects.get().read_at is not None


def test_opening_is_a_link_not_a_form(client_for, young_person):
    opened = notice(young_person)
    response = client_for(young_person).post(reverse("notices:notice-open", args=[opened.pk]))
    assert response.status_code == 405
    assert Notice.objects.get().read_at is None
