"""The count page, its confirm pages, and the public results page (Django's test client)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.budgeting import services
from alongside.budgeting.models import Round
from alongside.decisions.models import Decision
from tests.budgeting import factories_results as built
from tests.budgeting.test_results_services import _paper

pytestmark = pytest.mark.django_db

State = Round.TallyState


def _count_url(round_: Round, name: str = "round-count") -> str:
    return reverse(f"budgeting:{name}", args=[round_.organisation.slug, round_.public_id])


@pytest.fixture
def staff_client(worker: Person, client_for: Callable[[Person | None], Client]) -> Client:
    return client_for(worker)


def test_while_voting_the_count_page_offers_to_close_now(
    organisation: Organisation, staff_client: Client
) -> None:
    round_ = built.round_with_ballots(organisation, ballots=[[1], [2]])
    _paper(round_, "P-7", second=None)
    page = staff_client.get(_count_url(round_)).content.decode()
    assert "Close voting now" in page
    assert _count_url(round_, "round-close") in page
    assert "P-7" in page  # not counted yet: no second worker
    assert "Voting cannot close until every paper ballot is typed in twice" in page
    assert (
        reverse("budgeting:paper-confirm-list", args=[organisation.slug, round_.public_id]) in page
    )
    refused = staff_client.post(_count_url(round_, "round-close"))
    assert "1 paper ballot is still waiting" in refused.content.decode()
    round_.refresh_from_db()
    assert round_.stage == Round.Stage.VOTING


def test_closing_from_the_confirm_page_seals_and_counts(
    organisation: Organisation, staff_client: Client, django_capture_on_commit_callbacks
) -> None:
    round_ = built.round_with_ballots(organisation)
    confirm = staff_client.get(_count_url(round_, "round-close")).content.decode()
    assert "The 9 ballots cast so far are sealed" in confirm

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(_count_url(round_, "round-close"))

    assert response.status_code == 302
    assert response["Location"] == _count_url(round_)
    round_.refresh_from_db()
    assert round_.tally_state == State.DONE
    page = staff_client.get(_count_url(round_)).content.decode()
    assert "Voting is closed and the ballots are sealed." in page
    assert round_.seal in page
    assert "What the count found" in page
    assert "Publish the results" in page
    assert "funded: " in page  # the engine's explanation


def test_while_counting_the_page_refreshes_itself_unless_asked_not_to(
    organisation: Organisation, staff_client: Client
) -> None:
    round_ = built.counted_round(organisation)
    Round.objects.filter(pk=round_.pk).update(tally_state=State.RUNNING, tally_progress=40)

    response = staff_client.get(_count_url(round_))

    assert response["Refresh"] == "10"
    page = response.content.decode()
    assert "40% counted" in page
    assert "alongside-bar__fill--w40" in page
    assert "This page refreshes every 10 seconds" in page
    assert "<meta http-equiv" not in page
    stopped = staff_client.get(_count_url(round_) + "?refresh=off")
    assert "Refresh" not in stopped
    assert "Refresh this page" in stopped.content.decode()
    Round.objects.filter(pk=round_.pk).update(tally_state=State.DONE, tally_progress=100)
    assert "Refresh" not in staff_client.get(_count_url(round_))


def test_a_failed_count_offers_to_try_again(
    organisation: Organisation, staff_client: Client
) -> None:
    round_ = built.counted_round(organisation)
    Round.objects.filter(pk=round_.pk).update(tally_state=State.FAILED)
    page = staff_client.get(_count_url(round_)).content.decode()
    assert "The count could not finish" in page
    response = staff_client.post(_count_url(round_, "round-count-retry"))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.tally_state == State.QUEUED


def test_publishing_from_the_confirm_page_shows_the_public_results(
    organisation: Organisation, staff_client: Client
) -> None:
    round_ = built.counted_round(organisation)
    response = staff_client.post(_count_url(round_, "round-publish"))
    results_url = reverse("budgeting:round-results", args=[round_.public_id])
    assert response["Location"] == results_url
    assert Decision.objects.count() == 2
    page = staff_client.get(_count_url(round_)).content.decode()
    assert "The results were published on" in page
    assert results_url in page


def test_publishing_before_the_count_says_why_not(
    organisation: Organisation, staff_client: Client
) -> None:
    round_ = built.round_with_ballots(organisation)
    services.round_close(actor=built.staff(organisation), round_=round_)
    response = staff_client.post(_count_url(round_, "round-publish"))
    assert response.status_code == 200
    assert "once the ballots have been counted" in response.content.decode()
    round_.refresh_from_db()
    assert round_.published_at is None


def test_the_results_page_shows_each_funded_project_with_the_ideas_behind_it(
    organisation: Organisation, client: Client
) -> None:
    round_ = built.published_round(organisation)
    page = client.get(reverse("budgeting:round-results", args=[round_.public_id])).content.decode()

    assert "9 young people voted on how to share out £50,000." in page
    assert "£30,000 of the £50,000 budget funds 2 projects." in page
    assert "Please can we have project 1" in page
    assert "Please can we have project 2" in page
    assert "Something a moderator hid" not in page
    for decision in Decision.objects.all():
        assert reverse("decisions:decision-detail", args=[decision.public_id]) in page
    assert "alongside-bar__fill--w100 alongside-bar__fill--funded" in page  # project 1: 5 votes
    assert "alongside-bar__fill--w80" in page  # projects 2 (funded) and 3: 4 and 5 votes
    assert "<table" in page
    assert "What “most votes first” would have funded" in page
    assert "not funded by Equal Shares" in page
    assert round_.seal in page
    assert f"/api/v1/rounds/{round_.public_id}/ballots.pb" in page
    assert "alongside budget tally ballots.pb --rule mes --completion add1-greedy" in page
    # Each project's outcome in plain words, and the counting program's own sentence beside
    assert "Funded. 5 people who voted for it shared its cost of £10,000." in page
    assert (
        "Not funded. Everyone had an equal share of the money. Together, the shares of the 5 "
        "people who voted for it came to £27,777.77, less than its cost of £30,000."
    ) in page
    assert "How the count decided this" in page
    assert (
        'lang="en">funded: 5 supporters could share its £10,000 (round 1 of equal shares)' in page
    )


def test_the_results_page_in_welsh_words_each_outcome_in_welsh(
    organisation: Organisation, client: Client
) -> None:
    round_ = built.published_round(organisation)
    url = reverse("budgeting:round-results", args=[round_.public_id])
    client.get(reverse("home:language", args=["cy"]), {"next": url})
    page = html.unescape(client.get(url).content.decode())
    assert '<html lang="cy"' in page
    assert "Wedi'i ariannu. Talodd 5 o bobl a bleidleisiodd drosto ei gost o £10,000" in page
    assert "Heb ei ariannu. Roedd gan bawb gyfran gyfartal o'r arian." in page
    assert "Sut y penderfynodd y cyfrif hyn" in page
    assert "Not funded." not in page
    # The counting program's own sentence stays English, and says so
    assert 'lang="en">not funded: the equal shares of its 5 supporters came to' in page


def test_results_are_not_public_before_they_are_published(
    organisation: Organisation, client: Client
) -> None:
    round_ = built.counted_round(organisation)
    response = client.get(reverse("budgeting:round-results", args=[round_.public_id]))
    assert response.status_code == 404


def test_the_results_page_takes_the_same_queries_however_many_projects_and_ballots(
    organisation: Organisation, client: Client
) -> None:
    def queries(round_: Round) -> int:
        url = reverse("budgeting:round-results", args=[round_.public_id])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    small = built.published_round(organisation, ballots=[[1], [2]])
    large = built.published_round(
        organisation,
        costs=(500_000,) * 8,
        ballots=[[n, (n % 8) + 1] for n in range(1, 9)] * 3,
    )
    assert queries(large) == queries(small)
