"""The staff pages for themes and answers: what they show, their forms, their query counts,
and the panel on the staff home page."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme
from tests import factories
from tests.voice import factories_answers as made

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def _add(organisation, count: int, person_with_role) -> None:
    """``count`` overdue contributions by different authors, each in its own theme, answered
    for half of them through the theme."""
    start = Theme.objects.count()
    for n in range(count):
        author = person_with_role(Role.YOUNG_PERSON)
        item = made.contribution(organisation, author=author, age_days=60)
        theme = made.theme(organisation, f"Theme {start + n}")
        made.in_theme(theme, item)
        if n % 2:
            made.answer(organisation, theme=theme)


@pytest.mark.parametrize("url_name", ["voice:theme-list", "voice:answer-overdue", "home:index"])
def test_list_pages_run_the_same_queries_for_5_or_50(
    client_for, organisation, worker, person_with_role, url_name
):
    client = client_for(worker)
    url = reverse(url_name, args=[] if url_name == "home:index" else [organisation.slug])
    _add(organisation, 5, person_with_role)
    client.get(url)
    five = queries_for(client, url)
    _add(organisation, 45, person_with_role)
    fifty = queries_for(client, url)
    assert five == fifty


def test_theme_page_runs_the_same_queries_for_5_or_50_contributions(
    client_for, organisation, worker, person_with_role
):
    theme = made.theme(organisation)
    made.answer(organisation, theme=theme, answered_by=worker)
    client = client_for(worker)
    url = reverse("voice:theme-detail", args=[organisation.slug, theme.public_id])

    def add(count: int) -> None:
        for _ in range(count):
            made.in_theme(
                theme, made.contribution(organisation, author=person_with_role(Role.YOUNG_PERSON))
            )

    add(5)
    client.get(url)
    five = queries_for(client, url)
    add(45)
    assert queries_for(client, url) == five


def test_the_theme_list_shows_counts_and_pages(client_for, organisation, worker):
    for n in range(30):
        theme = made.theme(organisation, f"Theme {n:02}")
        if n == 0:
            made.in_theme(theme, made.contribution(organisation), made.contribution(organisation))
    page = client_for(worker).get(reverse("voice:theme-list", args=[organisation.slug]))
    html = page.content.decode()
    assert html.count('class="govuk-table__row"') == 25 + 1
    assert "Theme 00" in html
    assert "Theme 29" not in html
    assert "govuk-pagination" in html


def test_the_themes_empty_state_is_honest(client_for, organisation, worker):
    html = client_for(worker).get(reverse("voice:theme-list", args=[organisation.slug]))
    assert "There are no themes yet" in html.content.decode()


def test_a_worker_answers_a_contribution_through_the_form(
    client_for, organisation, worker, young_person
):
    # Given a young person's idea
    item = made.contribution(organisation, author=young_person)
    client = client_for(worker)
    url = reverse("voice:answer-give", args=[organisation.slug, item.public_id])
    form = client.get(url).content.decode()
    # Then the form offers the five statuses with hints, and a key made for this form
    for status in Answer.Status:
        assert f'value="{status.value}"' in form
    assert "You must say why, honestly." in form
    assert 'name="idempotency_key"' in form
    # When they send it empty
    refused = client.post(url, {"idempotency_key": str(uuid.uuid4())})
    # Then they are told what to fix, in our words
    text = refused.content.decode()
    assert "Select what is happening with it" in text
    assert "Enter your answer" in text
    # When they say "not possible" with no reason
    refused = client.post(
        url, {"status": "not_possible", "text": "", "idempotency_key": str(uuid.uuid4())}
    )
    assert "Say why it is not possible" in refused.content.decode()
    # When they pass it on without saying to whom
    refused = client.post(
        url, {"status": "passed_on", "text": "Sent on.", "idempotency_key": str(uuid.uuid4())}
    )
    assert "Enter who you passed it to" in refused.content.decode()
    assert not Answer.objects.exists()
    # When they answer properly, twice with the same form
    body = {
        "status": "changed",
        "text": "Lights go in next month.",
        "passed_to": "",
        "idempotency_key": str(uuid.uuid4()),
    }
    done = client.post(url, body)
    client.post(url, body)
    # Then one answer is saved and the history shows it
    assert done.status_code == 302
    assert Answer.objects.count() == 1
    history = client.get(done["Location"]).content.decode()
    assert "Lights go in next month." in history
    assert "Changed something" in history


def test_a_worker_answers_a_theme(client_for, organisation, worker):
    theme = made.theme(organisation)
    made.in_theme(theme, made.contribution(organisation))
    url = reverse("voice:theme-answer", args=[organisation.slug, theme.public_id])
    response = client_for(worker).post(
        url,
        {
            "status": "passed_on",
            "text": "This is for the bus company.",
            "passed_to": "Riverside Buses",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    page = client_for(worker).get(response["Location"]).content.decode()
    assert "Passed to: Riverside Buses" in page
    assert Contribution.objects.filter(first_answered_at__isnull=False).count() == 1


def test_add_to_a_theme_and_take_it_out(client_for, organisation, worker):
    item = made.contribution(organisation)
    theme = made.theme(organisation)
    client = client_for(worker)
    url = reverse("voice:theme-add", args=[organisation.slug, item.public_id])
    assert "Places to go" in client.get(url).content.decode()
    assert client.post(url, {"theme": str(theme.public_id)}).status_code == 302
    assert ContributionTheme.objects.filter(contribution=item, theme=theme).exists()
    page = client.get(url).content.decode()
    assert "There are no other themes to put it in." in page
    remove = reverse(
        "voice:theme-remove", args=[organisation.slug, item.public_id, theme.public_id]
    )
    assert client.post(remove, {}).status_code == 302
    assert not ContributionTheme.objects.exists()


def test_a_taken_theme_name_is_shown_on_the_form(client_for, organisation, worker):
    made.theme(organisation, "Feeling safe")
    response = client_for(worker).post(
        reverse("voice:theme-create", args=[organisation.slug]),
        {"name": "feeling safe", "description": "", "initiative": ""},
    )
    assert response.status_code == 200
    assert "There is already a theme called" in response.content.decode()
    assert Theme.objects.count() == 1


def test_the_home_page_flags_what_is_waiting_for_workers_and_admins_only(
    client_for, organisation, worker, admin, person_with_role
):
    # Given two contributions waiting more than 20 working days, and one new one
    made.contribution(organisation, age_days=60)
    made.contribution(organisation, age_days=45)
    made.contribution(organisation)
    message = "2 contributions are waiting more than 20 working days for an answer."
    # Then workers and admins see the panel with its link; a commissioner does not
    for person in (worker, admin):
        html = client_for(person).get(reverse("home:index")).content.decode()
        assert message in html
        assert reverse("voice:answer-overdue", args=[organisation.slug]) in html
    commissioner = person_with_role(Role.COMMISSIONER)
    assert message not in client_for(commissioner).get(reverse("home:index")).content.decode()


def test_the_overdue_page_lists_the_longest_waiting_first(client_for, organisation, worker):
    newer = made.contribution(organisation, age_days=40, text="Newer words")
    older = made.contribution(organisation, age_days=80, text="Older words")
    made.contribution(organisation, age_days=2, text="Fresh words")
    html = (
        client_for(worker)
        .get(reverse("voice:answer-overdue", args=[organisation.slug]))
        .content.decode()
    )
    assert html.index(str(older.public_id)) < html.index(str(newer.public_id))
    assert "Fresh words" not in html


def test_an_anonymous_authors_name_is_not_on_staff_pages(
    client_for, organisation, worker, person_with_role
):
    ash = person_with_role(Role.YOUNG_PERSON, display_name="Ash Patel")
    item = made.contribution(
        organisation, author=ash, anonymity=Contribution.Anonymity.NOBODY, age_days=60
    )
    theme = made.theme(organisation)
    made.in_theme(theme, item)
    client = client_for(worker)
    for url in (
        reverse("voice:answer-history", args=[organisation.slug, item.public_id]),
        reverse("voice:theme-detail", args=[organisation.slug, theme.public_id]),
        reverse("voice:answer-overdue", args=[organisation.slug]),
    ):
        html = client.get(url).content.decode()
        assert "Ash Patel" not in html
        assert "Name not shown" in html


def test_a_commissioner_sees_answers_but_cannot_give_them(
    client_for, organisation, person_with_role
):
    commissioner = person_with_role(Role.COMMISSIONER)
    item = made.contribution(organisation)
    client = client_for(commissioner)
    history = client.get(reverse("voice:answer-history", args=[organisation.slug, item.public_id]))
    assert history.status_code == 200
    assert "Answer it" not in history.content.decode()
    give = client.get(reverse("voice:answer-give", args=[organisation.slug, item.public_id]))
    assert give.status_code == 403
    export = client.get(reverse("voice:answer-export", args=[organisation.slug]))
    assert export.status_code == 403
    assert factories.actor(commissioner).can("voice.answer.view", organisation)
