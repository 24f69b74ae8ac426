"""Planning pages through the Django client: planning a meeting from the form (London time),
bad input in plain words, the agenda's buttons, papers as web pages, a draft kept from young
people, and list pages whose queries do not grow."""

from __future__ import annotations

import datetime as dt
import html
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.governance.forms_planning import in_london, parse_time
from alongside.governance.models import AgendaItem, GlossaryTerm, Meeting, Paper
from alongside.governance.services import attendance
from tests import factories
from tests.decisions.factories import ThemeFactory
from tests.governance.factories_planning import PaperFactory, agenda_item, planned_meeting

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def _url(plan, name, *more):
    return reverse(
        f"governance:{name}", args=[plan.board.organisation.slug, plan.meeting.public_id, *more]
    )


def _signed_in(client, plan, role=None):
    person = (
        plan.clerk.person
        if role is None
        else factories.person_with_role(role, plan.board.organisation)
    )
    client.force_login(person.user)
    return person


def _when(day: dt.date, time: str = "18:30") -> dict[str, str]:
    return {
        "starts_on_day": str(day.day),
        "starts_on_month": str(day.month),
        "starts_on_year": str(day.year),
        "starts_time": time,
    }


def _plan_body(day: dt.date, **overrides: str) -> dict[str, str]:
    return {
        "idempotency_key": str(uuid.uuid4()),
        "title": "June meeting",
        "location": "Town hall, room 2",
        "is_public": "no",
        **_when(day),
    } | overrides


def test_times_are_read_as_people_type_them():
    assert parse_time("18:30") == dt.time(18, 30)
    assert parse_time("6.30pm") == dt.time(18, 30)
    assert parse_time("6pm") == dt.time(18, 0)
    assert parse_time("12am") == dt.time(0, 0)
    assert parse_time("12:15 PM") == dt.time(12, 15)
    for wrong in ("25:00", "18:75", "13pm", "half six", ""):
        assert parse_time(wrong) is None


def test_a_london_time_is_stored_in_utc_and_the_hour_the_clocks_skip_does_not_exist():
    summer = in_london(dt.date(2027, 6, 4), dt.time(18, 30))
    assert summer is not None
    assert summer.astimezone(dt.UTC).hour == 17
    winter = in_london(dt.date(2027, 1, 4), dt.time(18, 30))
    assert winter is not None
    assert winter.astimezone(dt.UTC).hour == 18
    assert in_london(dt.date(2027, 3, 28), dt.time(1, 30)) is None


def test_a_clerk_plans_a_meeting_from_the_board_page(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    board_page = client.get(
        reverse(
            "governance:board-detail", args=[plan.board.organisation.slug, plan.board.public_id]
        )
    )
    url = reverse(
        "governance:meeting-plan", args=[plan.board.organisation.slug, plan.board.public_id]
    )
    assert url in board_page.content.decode()
    day = timezone.localdate() + dt.timedelta(days=30)
    body = _plan_body(day, is_public="yes")
    for _ in range(2):
        response = client.post(url, body)
        assert response.status_code == 302
    meeting = Meeting.objects.get(title="June meeting")
    assert response["Location"] == _url(type(plan)(plan.board, meeting, plan.clerk), "agenda")
    assert meeting.starts_at == dt.datetime.combine(day, dt.time(18, 30), tzinfo=LONDON)
    assert meeting.is_public


def test_a_young_person_sees_no_plan_link_and_is_refused_the_page(client):
    plan = planned_meeting()
    _signed_in(client, plan, Role.YOUNG_PERSON)
    args = [plan.board.organisation.slug, plan.board.public_id]
    page = client.get(reverse("governance:board-detail", args=args)).content.decode()
    assert "Plan a meeting" not in page
    assert client.get(reverse("governance:meeting-plan", args=args)).status_code == 403


def test_bad_dates_and_times_say_what_is_wrong(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    url = reverse(
        "governance:meeting-plan", args=[plan.board.organisation.slug, plan.board.public_id]
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    cases = [
        (_plan_body(yesterday), "The meeting must start in the future."),
        (_plan_body(yesterday, starts_time="half six"), "Enter the time the meeting starts"),
        (_plan_body(yesterday, starts_on_day=""), "must include a day, a month and a year"),
        (_plan_body(dt.date(2027, 3, 28), starts_time="1:30"), "The clocks go forward then"),
        (_plan_body(yesterday, title="", location=""), "Enter what the meeting is called."),
        (_plan_body(yesterday, is_public=""), "Select yes if it is a public meeting."),
    ]
    for body, message in cases:
        response = client.post(url, body)
        page = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in page
        assert message in page, message
        assert "This field is required" not in page
    assert not Meeting.objects.filter(title="June meeting").exists()


def test_the_change_page_shows_the_london_time_and_saves_changes(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    day = timezone.localdate() + dt.timedelta(days=40)
    plan.meeting.starts_at = dt.datetime.combine(day, dt.time(17, 0), tzinfo=LONDON)
    plan.meeting.save()
    page = client.get(_url(plan, "meeting-change")).content.decode()
    assert 'value="17:00"' in page
    body = _plan_body(day, title="Changed meeting", location="Online")
    body.pop("idempotency_key")
    response = client.post(_url(plan, "meeting-change"), body)
    assert response.status_code == 302
    plan.meeting.refresh_from_db()
    assert (plan.meeting.title, plan.meeting.location) == ("Changed meeting", "Online")


def test_cancelling_a_started_meeting_is_refused_on_the_page(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    attendance.meeting_open(actor=plan.clerk, meeting=plan.meeting)
    response = client.post(_url(plan, "meeting-cancel"), {})
    assert response.status_code == 200
    assert "This meeting has started, so it cannot be cancelled." in response.content.decode()
    plan.meeting.refresh_from_db()
    assert plan.meeting.status == Meeting.Status.IN_PROGRESS


def test_the_meeting_page_gives_clerks_the_planning_links(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    page = client.get(_url(plan, "meeting-detail")).content.decode()
    for name in ("meeting-change", "agenda", "paper-list", "meeting-cancel"):
        assert _url(plan, name) in page


def test_the_agenda_page_adds_moves_and_removes_items(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    theme = ThemeFactory(organisation=plan.board.organisation, name="Saturday opening")
    empty = client.get(_url(plan, "agenda")).content.decode()
    assert "There is nothing on the agenda yet" in empty
    for title in ("Welcome", "Saturdays"):
        response = client.post(
            _url(plan, "agenda-add"),
            {
                "idempotency_key": str(uuid.uuid4()),
                "title": title,
                "plain_summary": "",
                "theme": str(theme.pk) if title == "Saturdays" else "",
                "initiative": "",
                "paper": "",
            },
        )
        assert response.status_code == 302
    saturdays = AgendaItem.objects.get(title="Saturdays")
    assert saturdays.theme == theme
    response = client.post(_url(plan, "agenda-move", saturdays.pk), {"direction": "up"})
    assert response.status_code == 302
    page = client.get(_url(plan, "agenda")).content.decode()
    assert page.index("Saturdays") < page.index("Welcome")
    assert "Saturday opening" in page
    response = client.post(_url(plan, "agenda-remove", saturdays.pk), {})
    assert response.status_code == 302
    assert list(AgendaItem.objects.values_list("title", "position")) == [("Welcome", 1)]


def test_an_agenda_item_needs_a_title_and_a_theme_of_this_organisation(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    body = {"idempotency_key": str(uuid.uuid4()), "title": "", "theme": str(ThemeFactory().pk)}
    page = client.post(_url(plan, "agenda-add"), body).content.decode()
    assert "Enter the agenda item's title." in html.unescape(page)
    assert "Select a theme from the list." in page
    assert not AgendaItem.objects.exists()


def test_another_meetings_agenda_item_is_not_found(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    elsewhere = agenda_item(PaperFactory().meeting, 1)
    assert client.get(_url(plan, "agenda-change", elsewhere.pk)).status_code == 404


def test_the_agenda_page_takes_the_same_queries_however_many_items(
    client, django_assert_max_num_queries
):
    plan = planned_meeting()
    _signed_in(client, plan)
    theme = ThemeFactory(organisation=plan.board.organisation)
    paper = PaperFactory(meeting=plan.meeting)
    agenda_item(plan.meeting, 1)
    with django_assert_max_num_queries(30) as captured:
        client.get(_url(plan, "agenda"))
    for n in range(2, 8):
        AgendaItem.objects.create(
            meeting=plan.meeting, position=n, title=f"Item {n}", theme=theme, paper=paper
        )
    with django_assert_max_num_queries(len(captured)):
        client.get(_url(plan, "agenda"))


def test_a_paper_is_a_web_page_with_plain_words_first_and_no_html_from_the_user(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    response = client.post(
        _url(plan, "paper-add"),
        {
            "idempotency_key": str(uuid.uuid4()),
            "title": "Saturday opening",
            "plain_words": "Should the club open on Saturdays?",
            "body": "<script>alert(1)</script> The quorum is three.\r\n\r\nSecond paragraph.",
        },
    )
    assert response.status_code == 302
    paper = Paper.objects.get(title="Saturday opening")
    GlossaryTerm.objects.create(
        organisation=plan.board.organisation, term="Quorum", meaning="How many must be there."
    )
    page = client.get(response["Location"]).content.decode()
    assert "Not published yet" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert page.index("Should the club open on Saturdays?") < page.index("Second paragraph.")
    assert '<p class="govuk-body alongside-break">Second paragraph.</p>' in page
    glossary = reverse("governance:glossary", args=[plan.board.organisation.slug])
    assert f'href="{glossary}#term-quorum"' in page
    assert paper.body.startswith("<script>")


def test_a_young_person_cannot_read_a_draft_paper_until_the_papers_are_published(client):
    plan = planned_meeting()
    paper = PaperFactory(meeting=plan.meeting, body="Secret draft numbers.")
    _signed_in(client, plan, Role.YOUNG_PERSON)
    draft = client.get(_url(plan, "paper-detail", paper.public_id))
    assert draft.status_code == 404
    assert "Secret draft numbers" not in draft.content.decode()
    listing = client.get(_url(plan, "paper-list")).content.decode()
    assert paper.title not in listing
    assert "The papers are not published yet" in listing
    plan.meeting.papers_published_at = timezone.now()
    plan.meeting.save()
    published = client.get(_url(plan, "paper-detail", paper.public_id))
    assert published.status_code == 200
    assert "Secret draft numbers" in published.content.decode()
    assert "Not published yet" not in published.content.decode()
    assert paper.title in client.get(_url(plan, "paper-list")).content.decode()


def test_publishing_the_papers_from_the_list(client):
    plan = planned_meeting()
    PaperFactory(meeting=plan.meeting)
    _signed_in(client, plan)
    listing = client.get(_url(plan, "paper-list")).content.decode()
    assert _url(plan, "papers-publish") in listing
    response = client.post(_url(plan, "papers-publish"), {})
    assert response.status_code == 302
    plan.meeting.refresh_from_db()
    assert plan.meeting.papers_published_at is not None
    form = client.get(_url(plan, "paper-add")).content.decode()
    assert "members can read this paper as soon as you save it" in form


def test_a_paper_without_plain_words_says_so(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    body = {"idempotency_key": str(uuid.uuid4()), "title": "T", "body": "B", "plain_words": ""}
    page = client.post(_url(plan, "paper-add"), body).content.decode()
    assert "Enter what the paper says in plain words, for young members." in page
    assert not Paper.objects.exists()


def test_the_papers_list_takes_the_same_queries_however_many_papers(
    client, django_assert_max_num_queries
):
    plan = planned_meeting()
    PaperFactory(meeting=plan.meeting)
    _signed_in(client, plan)
    with django_assert_max_num_queries(30) as captured:
        client.get(_url(plan, "paper-list"))
    for _ in range(5):
        PaperFactory(meeting=plan.meeting)
    with django_assert_max_num_queries(len(captured)):
        client.get(_url(plan, "paper-list"))


def test_a_move_after_the_meeting_finished_is_refused_in_the_error_summary(client):
    plan = planned_meeting()
    _signed_in(client, plan)
    item = agenda_item(plan.meeting, 1)
    agenda_item(plan.meeting, 2)
    meeting = attendance.meeting_open(actor=plan.clerk, meeting=plan.meeting)
    attendance.meeting_close(actor=plan.clerk, meeting=meeting)
    response = client.post(_url(plan, "agenda-move", item.pk), {"direction": "down"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "This meeting has finished, so its agenda cannot change." in page
    assert AgendaItem.objects.get(pk=item.pk).position == 1


def test_a_word_on_the_glossarys_second_page_is_linked_there_with_its_meaning(client):
    plan = planned_meeting()
    organisation = plan.board.organisation
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(organisation=organisation, term=f"aword{n:03}", meaning="A word.")
        for n in range(100)
    )
    GlossaryTerm.objects.create(
        organisation=organisation, term="Zebra crossing", meaning="Where you cross the road."
    )
    plan.meeting.papers_published_at = timezone.now()
    plan.meeting.save()
    paper = PaperFactory(meeting=plan.meeting, body="Near the zebra crossing, and aword007.")
    _signed_in(client, plan, Role.YOUNG_PERSON)
    page = client.get(_url(plan, "paper-detail", paper.public_id)).content.decode()
    glossary = reverse("governance:glossary", args=[organisation.slug])
    assert f'href="{glossary}?page=2#term-zebra-crossing"' in page
    assert f'href="{glossary}#term-aword007"' in page
    assert "Where you cross the road." in page
    assert "aword008" not in page
