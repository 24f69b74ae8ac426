"""What the public reads: the words of published contributions, never who said them, and
nothing that is held, hidden, withdrawn or waiting to be checked. The author sees all of their
own, with where each stands."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.decisions.models import Citation
from alongside.voice import services
from alongside.voice.models import Contribution
from tests import factories
from tests.decisions.factories import (
    AnswerFactory,
    ContributionFactory,
    DecisionFactory,
    InitiativeFactory,
    ThemeFactory,
    in_theme,
)

pytestmark = pytest.mark.django_db

NAMES = ["Zephyrina Staffonly", "Quillon Nobodyknows", "Worker Wilhelmina"]
SECRET_TEXTS = {
    "held": "Call me on 07700 900123 HELDWORDS",
    "hidden": "Something unkind HIDDENWORDS",
    "withdrawn": "I took this back WITHDRAWNWORDS",
    "waiting": "Not checked yet WAITINGWORDS",
}


@pytest.fixture
def board_world():
    """Published words by a young person who let staff see their name and by one who let
    nobody, written down by a named worker; the same authors' held, hidden, withdrawn and
    waiting words; all of it in a theme, answered, and cited by a decision."""
    organisation = factories.OrganisationFactory(slug="riverside")
    initiative = InitiativeFactory(organisation=organisation)
    staff_only = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name=NAMES[0])
    nobody = factories.person_with_role(Role.YOUNG_PERSON, organisation, display_name=NAMES[1])
    worker = factories.person_with_role(Role.WORKER, organisation, display_name=NAMES[2])
    published = [
        ContributionFactory(
            initiative=initiative,
            author=staff_only,
            anonymity=Contribution.Anonymity.STAFF_ONLY,
            text="More buses after 9pm PUBLISHEDONE",
        ),
        ContributionFactory(
            initiative=initiative,
            author=nobody,
            recorded_by=worker,
            channel=Contribution.Channel.SESSION,
            anonymity=Contribution.Anonymity.NOBODY,
            text="A quiet room to do homework PUBLISHEDTWO",
        ),
    ]
    secret = [
        ContributionFactory(
            initiative=initiative,
            author=author,
            anonymity=anonymity,
            text=SECRET_TEXTS[trait],
            **{trait: True},
        )
        for trait in SECRET_TEXTS
        for author, anonymity in [
            (staff_only, Contribution.Anonymity.STAFF_ONLY),
            (nobody, Contribution.Anonymity.NOBODY),
        ]
    ]
    theme = ThemeFactory(organisation=organisation, initiative=initiative, name="Getting about")
    in_theme(theme, *published, *secret)
    decision = DecisionFactory(organisation=organisation, initiative=initiative)
    Citation.objects.create(decision=decision, theme=theme)
    for contribution in published + secret:
        Citation.objects.create(decision=decision, contribution=contribution)
        AnswerFactory(contribution=contribution, text=f"Answer to {contribution.pk}")
    AnswerFactory(theme=theme, text="We asked the bus company.")
    return {
        "organisation": organisation,
        "initiative": initiative,
        "decision": decision,
        "published": published,
        "secret": secret,
        "authors": (staff_only, nobody),
    }


def _public_pages(w) -> dict[str, str]:
    client = Client()
    slug = w["organisation"].slug
    urls = {
        "api board": f"/api/v1/organisations/{slug}/you-said-we-did",
        "api decisions": f"/api/v1/organisations/{slug}/decisions",
        "board": reverse("decisions:board", args=[slug]),
        "initiative board": reverse("decisions:initiative-board", args=[w["initiative"].public_id]),
        "decision": reverse("decisions:decision-detail", args=[w["decision"].public_id]),
    }
    pages = {}
    for label, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, label
        pages[label] = response.content.decode()
    return pages


def test_no_public_page_or_json_holds_a_name_or_an_unpublished_contribution(board_world):
    # When anyone reads the board, its JSON, the decisions JSON and the decision page
    for label, body in _public_pages(board_world).items():
        # Then no young person's (or the worker's) name is there, whatever anonymity was chosen
        for name in NAMES:
            assert name not in body, (label, name)
        # And nothing held, hidden, withdrawn or waiting to be checked
        for text in SECRET_TEXTS.values():
            assert text.split()[-1] not in body, (label, text)
        # And nor are the answers given to those unpublished words
        for contribution in board_world["secret"]:
            assert f"Answer to {contribution.pk}<" not in body
            assert f'"Answer to {contribution.pk}"' not in body
        # But the published words are, with the theme and its count of published words only
        assert "PUBLISHEDONE" in body, label
        assert "PUBLISHEDTWO" in body, label


def test_the_json_says_only_public_fields(board_world):
    # When the board's JSON is read
    slug = board_world["organisation"].slug
    data = Client().get(f"/api/v1/organisations/{slug}/you-said-we-did").json()
    # Then every entry holds only the fields of its schema: no author, anonymity or status
    assert data["count"] == 2  # the decision and the theme's answer (others are to their authors)
    text = json.dumps(data)
    for field in ("author", "anonymity", "display_name", "recorded_by", "moderation", "hold"):
        assert field not in text, field
    decision = next(e["decision"] for e in data["items"] if e["kind"] == "decision")
    assert [t["published_count"] for t in decision["cites_themes"]] == [2]
    assert sorted(c["text"].split()[-1] for c in decision["cites_contributions"]) == [
        "PUBLISHEDONE",
        "PUBLISHEDTWO",
    ]
    assert set(decision["cites_contributions"][0]) == {"id", "kind", "text", "published_on"}


def test_the_author_sees_all_their_own_words_and_where_each_stands(board_world):
    # Given the young person who let nobody see their name, signed in
    nobody = board_world["authors"][1]
    client = Client()
    client.force_login(nobody.user)
    # When they open "What happened to what I said"
    body = client.get(reverse("decisions:what-happened")).content.decode()
    # Then they see their own words, held and hidden ones too, in plain words
    assert "PUBLISHEDTWO" in body
    for text in SECRET_TEXTS.values():
        assert text.split()[-1] in body
    assert "Hidden: It was unkind" in body
    assert "Waiting to be checked by a person, because it has contact details in it" in body
    assert "You took this back" in body
    # And none of the other young person's words
    assert "PUBLISHEDONE" not in body
    # And the decision that used them
    assert board_world["decision"].title in body


def test_the_boards_count_follows_what_voice_s_services_publish_and_hide(board_world):
    # Given the theme counting its two published contributions
    organisation = board_world["organisation"]
    slug = organisation.slug
    worker = factories.actor(factories.person_with_role(Role.WORKER, organisation))

    def counted() -> list[int]:
        data = Client().get(f"/api/v1/organisations/{slug}/you-said-we-did").json()
        return [e["answer"]["theme"]["published_count"] for e in data["items"] if e["answer"]]

    assert counted() == [2]
    # When a moderator hides one and publishes a held one
    services.contribution_hide(
        actor=worker,
        organisation=organisation,
        contribution=board_world["published"][0],
        reason="It named someone",
    )
    held = next(c for c in board_world["secret"] if c.status == Contribution.Status.HELD)
    services.contribution_publish(actor=worker, organisation=organisation, contribution=held)
    # Then the board and the page both say two still, and then one when another is hidden
    assert counted() == [2]
    services.contribution_hide(
        actor=worker, organisation=organisation, contribution=held, reason="It named someone"
    )
    assert counted() == [1]
    page = Client().get(reverse("decisions:board", args=[slug])).content.decode()
    assert "Getting about</span>\n  (1 thing said)" in page
