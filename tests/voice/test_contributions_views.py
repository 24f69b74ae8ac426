"""The contribution pages: giving one question per page, staff lists that stay cheap as they
grow, recording from a session, the private photo, and what is logged."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.core.models import AuditEvent
from alongside.initiatives.models import Initiative
from alongside.voice import selectors
from alongside.voice.models import Contribution
from tests import factories
from tests.voice.factories import (
    ContributionFactory,
    InitiativeFactory,
    SessionFactory,
    image_upload,
)

pytestmark = pytest.mark.django_db

Status = Contribution.Status


@pytest.fixture
def initiative(organisation: Organisation) -> Initiative:
    return InitiativeFactory(organisation=organisation, title="Make the park better")


def _url(name: str, organisation: Organisation, *args: object) -> str:
    return reverse(name, args=[organisation.slug, *args])


def _give(client: Client, organisation: Organisation, initiative: Initiative, text: str) -> str:
    """Answer every page from the initiative's own link; return the check page's HTML."""
    response = client.get(
        _url("voice:contribution-give", organisation) + f"?initiative={initiative.public_id}"
    )
    assert response["Location"] == _url("voice:contribution-give-kind", organisation)
    for name, body in [
        ("voice:contribution-give-kind", {"kind": "idea"}),
        ("voice:contribution-give-words", {"text": text}),
        ("voice:contribution-give-photo", {"image": image_upload()}),
        ("voice:contribution-give-name", {"anonymity": "staff_only"}),
    ]:
        response = client.post(_url(name, organisation), body)
        assert response.status_code == 302, (name, response.content.decode()[:2000])
    return client.get(_url("voice:contribution-give-check", organisation)).content.decode()


def test_a_young_person_gives_an_idea_with_a_photo_and_gets_a_reference(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    # Given a young person who followed the link on the initiative's page and answered each page
    client = client_for(young_person)
    check = _give(client, organisation, initiative, "A water fountain by the ramp")
    assert "Check your answers" in check
    assert "A water fountain by the ramp" in check
    assert "Added" in check  # the photo
    key = str(uuid.uuid4())
    # When they press Send twice
    check_url = _url("voice:contribution-give-check", organisation)
    first = client.post(check_url, {"idempotency_key": key})
    # Then one contribution is stored, with the photo, and they see its reference
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.anonymity) == (young_person, "staff_only")
    assert contribution.image
    assert first["Location"] == _url(
        "voice:contribution-give-done", organisation, contribution.public_id
    )
    done = client.get(first["Location"]).content.decode()
    assert selectors.reference(contribution) in done
    assert "Your words are now on the page for Make the park better" in done
    # And the flow has ended: a second press starts again rather than storing another
    again = client.post(check_url, {"idempotency_key": key})
    assert again["Location"] == _url("voice:contribution-give", organisation)
    assert Contribution.objects.count() == 1


def test_a_phone_number_is_flagged_before_sending_and_held_after(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    client = client_for(young_person)
    check = _give(client, organisation, initiative, "call me on 07700 900123")
    assert "a worker will check them before anyone else sees them" in check
    response = client.post(
        _url("voice:contribution-give-check", organisation), {"idempotency_key": str(uuid.uuid4())}
    )
    done = client.get(response["Location"]).content.decode()
    assert "may include a phone number" in done
    assert Contribution.objects.get().status == Status.HELD


def test_only_open_initiatives_are_offered_and_a_closed_link_is_ignored(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    planning = InitiativeFactory(
        organisation=organisation, title="Not yet", stage=Initiative.Stage.PLANNING
    )
    client = client_for(young_person)
    response = client.get(
        _url("voice:contribution-give", organisation) + f"?initiative={planning.public_id}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Make the park better" in page
    assert "Not yet" not in page
    response = client.get(_url("voice:contribution-give", organisation) + "?initiative=not-an-id")
    assert response.status_code == 200


def test_nothing_open_says_so(client_for, young_person: Person, organisation: Organisation) -> None:
    page = (
        client_for(young_person).get(_url("voice:contribution-give", organisation)).content.decode()
    )
    assert "Nothing is open right now" in page


def test_an_error_on_a_page_is_shown_in_our_words(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    client = client_for(young_person)
    client.get(
        _url("voice:contribution-give", organisation) + f"?initiative={initiative.public_id}"
    )
    page = client.post(_url("voice:contribution-give-kind", organisation), {}).content.decode()
    assert "Select what you would like to give" in page
    client.post(_url("voice:contribution-give-kind", organisation), {"kind": "idea"})
    client.post(_url("voice:contribution-give-words", organisation), {"text": "Benches"})
    bad = image_upload("GIF", "cat.gif")
    page = client.post(
        _url("voice:contribution-give-photo", organisation), {"image": bad}
    ).content.decode()
    assert "The photo must be a JPG or PNG" in page


# Staff -----------------------------------------------------------------------------------


def test_the_staff_list_takes_the_same_queries_for_5_or_50(
    client_for,
    worker: Person,
    organisation: Organisation,
    initiative: Initiative,
    django_assert_num_queries,
) -> None:
    # Given a worker on the list with 5 contributions from different young people
    client = client_for(worker)
    url = _url("voice:contribution-list", organisation)

    def grow_to(total: int) -> None:
        while Contribution.objects.count() < total:
            author = factories.person_with_role("young_person", organisation)
            ContributionFactory(initiative=initiative, author=author, recorded_by=worker)

    grow_to(5)
    client.get(url)
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(url).status_code == 200
    # When there are 50 (two pages), Then the first page takes exactly as many queries
    grow_to(50)
    with django_assert_num_queries(len(with_five)):
        assert client.get(url).status_code == 200


def test_the_list_shows_names_only_where_the_author_let_staff_see_them_and_logs_it(
    client_for,
    worker: Person,
    young_person: Person,
    organisation: Organisation,
    initiative: Initiative,
) -> None:
    ContributionFactory(initiative=initiative, author=young_person, anonymity="staff_only")
    hidden_name = factories.person_with_role(
        "young_person", organisation, display_name="Quinn Secret"
    )
    ContributionFactory(initiative=initiative, author=hidden_name, anonymity="nobody")
    page = client_for(worker).get(_url("voice:contribution-list", organisation)).content.decode()
    assert young_person.display_name in page
    assert "Quinn Secret" not in page
    assert "Anonymous" in page
    event = AuditEvent.objects.get(action="voice.contribution.list_view")
    assert event.data == {"shown": 2, "names_shown": 1}


def test_the_moderation_queue_shows_held_ones_first_with_why(
    client_for,
    worker: Person,
    young_person: Person,
    organisation: Organisation,
    initiative: Initiative,
) -> None:
    ContributionFactory(
        initiative=initiative,
        status=Status.AWAITING_MODERATION,
        published_at=None,
        text="Waiting one",
    )
    ContributionFactory(
        initiative=initiative,
        status=Status.HELD,
        hold_reason="contact_details",
        published_at=None,
        text="Held one",
    )
    ContributionFactory(initiative=initiative, text="Published one")
    page = (
        client_for(worker).get(_url("voice:contribution-moderation", organisation)).content.decode()
    )
    assert page.index("Held one") < page.index("Waiting one")
    assert "Held: contact details" in page
    assert "Published one" not in page


def test_filters_narrow_the_staff_list(
    client_for, worker: Person, organisation: Organisation, initiative: Initiative
) -> None:
    ContributionFactory(initiative=initiative, kind="question", text="Why is it shut")
    ContributionFactory(initiative=initiative, kind="idea", text="Open it later")
    page = (
        client_for(worker)
        .get(_url("voice:contribution-list", organisation) + "?kind=question")
        .content.decode()
    )
    assert "Why is it shut" in page
    assert "Open it later" not in page
    page = (
        client_for(worker)
        .get(_url("voice:contribution-list", organisation) + "?status=hidden")
        .content.decode()
    )
    assert "Nothing matches" in page


def test_recording_from_a_session_presets_it_and_finds_the_person(
    client_for, worker: Person, organisation: Organisation, initiative: Initiative
) -> None:
    session = SessionFactory(initiative=initiative)
    ash = factories.offline_person(organisation, display_name="Ash")
    client = client_for(worker)
    url = _url("voice:contribution-record", organisation) + f"?session={session.public_id}"
    page = client.get(url).content.decode()
    assert "From the session at Youth club" in page
    body = {
        "initiative": str(initiative.public_id),
        "session": str(session.public_id),
        "author_name": "ash",
        "channel": "session",
        "kind": "view",
        "text": "Ash said the lights are too dim",
        "anonymity": "staff_only",
        "idempotency_key": str(uuid.uuid4()),
        "image": image_upload("JPEG", "flipchart.jpg"),
    }
    response = client.post(url, body)
    assert response.status_code == 302, response.content.decode()[:3000]
    contribution = Contribution.objects.get()
    assert (contribution.author, contribution.session, contribution.recorded_by) == (
        ash,
        session,
        worker,
    )
    # Then someone nobody knows is refused on the name field
    page = client.post(
        url,
        {
            **body,
            "author_name": "Nobody Here",
            "idempotency_key": str(uuid.uuid4()),
            "image": image_upload(),
        },
    ).content.decode()
    assert "Nobody taking part here has that display name" in page
    assert Contribution.objects.count() == 1


def test_the_photo_is_served_to_staff_only_and_never_cached(
    client_for,
    worker: Person,
    young_person: Person,
    organisation: Organisation,
    initiative: Initiative,
) -> None:
    contribution = ContributionFactory(initiative=initiative, author=young_person)
    contribution.image.save("x.png", image_upload(), save=True)
    url = _url("voice:contribution-photo", organisation, contribution.public_id)
    response = client_for(worker).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="voice.contribution.photo_view").count() == 1
    assert client_for(young_person).get(url).status_code == 403


def test_the_author_edits_their_own_and_nobody_else_can(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    contribution = ContributionFactory(initiative=initiative, author=young_person, text="Old words")
    url = _url("voice:contribution-edit", organisation, contribution.public_id)
    other = factories.person_with_role("young_person", organisation)
    assert client_for(other).post(url, {"text": "Mine"}).status_code == 403
    response = client_for(young_person).post(url, {"text": "New words"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.text == "New words"


def test_a_contribution_page_leads_staff_to_answer_theme_or_raise_a_concern(
    client_for, organisation: Organisation, worker: Person, young_person: Person, initiative
) -> None:
    # Given a published idea
    idea = ContributionFactory(initiative=initiative, author=young_person)
    # When a worker opens it
    client = client_for(worker)
    content = client.get(_url("voice:contribution-detail", organisation, idea.public_id))
    html = content.content.decode()
    # Then they can answer it, see its answers, put it in a theme or raise a concern about it
    for name in ("voice:answer-give", "voice:answer-history", "voice:theme-add"):
        link = _url(name, organisation, idea.public_id)
        assert link in html
        assert client.get(link).status_code == 200
    concern = f"{_url('safeguarding:concern-raise', organisation)}?contribution={idea.public_id}"
    assert concern in html
    assert client.get(concern).status_code == 200


def test_the_author_can_say_they_are_worried_about_what_they_said(
    client_for, organisation: Organisation, young_person: Person, initiative
) -> None:
    # Given a young person's own idea
    idea = ContributionFactory(initiative=initiative, author=young_person)
    # When they open what happened to what they said
    client = client_for(young_person)
    html = client.get(reverse("decisions:what-happened")).content.decode()
    # Then each thing they said has a way to tell someone they are worried about it
    worried = f"{reverse('safeguarding:help')}?contribution={idea.public_id}"
    assert worried in html
    assert client.get(worried).status_code == 200


def test_after_taking_their_words_back_the_author_sees_what_happened_to_what_they_said(
    client_for, organisation: Organisation, young_person: Person, initiative
) -> None:
    idea = ContributionFactory(initiative=initiative, author=young_person)
    client = client_for(young_person)
    response = client.post(
        reverse("voice:contribution-withdraw", args=[organisation.slug, idea.public_id])
    )
    assert response.url == reverse("decisions:what-happened")
    idea.refresh_from_db()
    assert idea.status == Status.WITHDRAWN


def test_who_can_see_their_name_is_never_chosen_for_them(
    client_for, young_person: Person, organisation: Organisation, initiative: Initiative
) -> None:
    # Given a young person on the step that asks who can see their name
    client = client_for(young_person)
    client.get(
        _url("voice:contribution-give", organisation) + f"?initiative={initiative.public_id}"
    )
    client.post(_url("voice:contribution-give-kind", organisation), {"kind": "idea"})
    client.post(_url("voice:contribution-give-words", organisation), {"text": "A bench"})
    client.post(_url("voice:contribution-give-photo", organisation), {})
    html = client.get(_url("voice:contribution-give-name", organisation)).content.decode()
    # Then both choices are offered, "nobody" first, and neither is ticked
    assert html.index('value="nobody"') < html.index('value="staff_only"')
    assert "checked" not in html
    # And going on without choosing asks them to choose
    page = client.post(_url("voice:contribution-give-name", organisation), {})
    assert "Select who can see your name" in page.content.decode()
