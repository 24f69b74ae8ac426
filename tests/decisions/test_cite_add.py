"""Adding to what a recorded decision used, later: by a thing said's reference or from the list,
or a theme; never something held, hidden or taken back, and each author told once."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.decisions.models import Citation, Decision
from alongside.notices.models import Notice
from alongside.voice import selectors as voice_selectors
from alongside.voice.models import Contribution
from tests import factories
from tests.decisions.factories import (
    ContributionFactory,
    DecisionFactory,
    InitiativeFactory,
    ThemeFactory,
    in_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(organisation: Organisation) -> Decision:
    return DecisionFactory(organisation=organisation, title="The club opens on Saturdays")


@pytest.fixture
def author(organisation: Organisation) -> Person:
    return factories.person_with_role(Role.YOUNG_PERSON, organisation)


@pytest.fixture
def staff(client_for, worker) -> Client:
    client: Client = client_for(worker)
    return client


def url(decision: Decision) -> str:
    return reverse(
        "decisions:decision-cite-add", args=[decision.organisation.slug, decision.public_id]
    )


def test_a_worker_adds_a_thing_said_by_its_reference_and_its_author_is_told(
    staff, decision, organisation, author, django_capture_on_commit_callbacks
):
    # Given a published idea, its reference typed in lower case with a space, as people do
    idea = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), author=author
    )
    reference = voice_selectors.reference(idea)
    typed = f"{reference[:4].lower()} {reference[4:].lower()}"
    # When a worker adds it
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url(decision), {"reference": typed}, follow=True)
    # Then the decision uses it, they are told on the page, and its author gets a notice
    html = response.content.decode()
    assert "Added. The young people whose words it is will be told." in html
    assert list(decision.citations.values_list("contribution", flat=True)) == [idea.pk]
    assert Notice.objects.filter(person=author).count() == 1
    assert AuditEvent.objects.filter(action="decisions.decision.cite").count() == 1
    # And the page now says it uses one thing said
    assert "1 thing said, 0 themes" in html


@pytest.mark.parametrize(
    ("trait", "message"),
    [
        ("held", "You cannot use this yet: it is held for a person to look at"),
        ("hidden", "You cannot use this: a moderator hid it"),
        ("withdrawn", "You cannot use this: the young person who said it took it back"),
    ],
)
@pytest.mark.parametrize("how", ["reference", "list"])
def test_something_held_hidden_or_taken_back_is_refused_saying_why(
    staff, decision, organisation, unchanged, trait, message, how
):
    # Given something said that a decision cannot use
    refused = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), **{trait: True}
    )
    body = (
        {"reference": voice_selectors.reference(refused)}
        if how == "reference"
        else {"contribution": str(refused.public_id)}
    )
    # When a worker tries to add it
    with unchanged():
        response = staff.post(url(decision), body)
    # Then the page says why, in the error summary, and nothing changed
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    if how == "reference":  # the summary's link goes to the box it was typed in
        assert 'href="#id_reference"' in html
        assert 'id="id_reference-error"' in html


def test_the_list_offers_only_what_may_be_used_and_marks_what_is_used_already(
    staff, decision, organisation
):
    initiative = InitiativeFactory(organisation=organisation)
    used = ContributionFactory(initiative=initiative, text="Used already USEDWORDS")
    Citation.objects.create(decision=decision, contribution=used)
    ContributionFactory(initiative=initiative, text="Not used yet FREEWORDS")
    ContributionFactory(initiative=initiative, waiting=True, text="Waiting WAITINGWORDS")
    for trait in ("held", "hidden", "withdrawn"):
        ContributionFactory(
            initiative=initiative, text=f"Not citable {trait.upper()}WORDS", **{trait: True}
        )
    html = staff.get(url(decision)).content.decode()
    assert "USEDWORDS" in html
    assert "FREEWORDS" in html
    assert "WAITINGWORDS" in html
    for trait in ("held", "hidden", "withdrawn"):
        assert f"{trait.upper()}WORDS" not in html
    assert html.count('name="contribution"') == 2  # an Add button for the two not used yet
    assert ">Used" in html or "Used\n" in html


def test_a_theme_is_added_from_the_list_and_adding_it_again_says_so(
    staff, decision, organisation, author, django_capture_on_commit_callbacks
):
    # Given a theme with a published idea in it
    theme = ThemeFactory(organisation=organisation, name="Opening hours")
    in_theme(
        theme,
        ContributionFactory(initiative=InitiativeFactory(organisation=organisation), author=author),
    )
    assert "Opening hours" in staff.get(url(decision) + "?show=themes").content.decode()
    # When a worker adds it, and then again
    with django_capture_on_commit_callbacks(execute=True):
        first = staff.post(
            url(decision) + "?show=themes", {"theme": str(theme.public_id)}, follow=True
        )
    again = staff.post(url(decision) + "?show=themes", {"theme": str(theme.public_id)}, follow=True)
    # Then it is used once, the author told once, and the second time they are told it was already
    assert "Added." in first.content.decode()
    assert "The decision already used that." in again.content.decode()
    assert list(decision.citations.values_list("theme", flat=True)) == [theme.pk]
    assert Notice.objects.filter(person=author).count() == 1
    assert AuditEvent.objects.filter(action="decisions.decision.cite").count() == 1
    # And they stay on the themes they were looking at
    assert first.redirect_chain[-1][0].endswith("?show=themes")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the reference of what was said, or choose it from the list below"),
        ("ABC", "Enter the reference as 8 letters and numbers, like 3F2A9C1B"),
        ("ZZZZZZZZ", "Enter the reference as 8 letters and numbers, like 3F2A9C1B"),
        ("0000AAAA", "Nothing said in this organisation has the reference 0000AAAA"),
    ],
)
def test_a_reference_that_names_nothing_says_what_to_do(staff, decision, unchanged, typed, message):
    with unchanged():
        html = staff.post(url(decision), {"reference": typed}).content.decode()
    assert message in html


def test_another_organisations_thing_said_is_not_found_by_reference_or_from_the_list(
    staff, decision, other_organisation, unchanged
):
    theirs = ContributionFactory(initiative=InitiativeFactory(organisation=other_organisation))
    their_theme = ThemeFactory(organisation=other_organisation)
    with unchanged():
        by_reference = staff.post(url(decision), {"reference": voice_selectors.reference(theirs)})
        from_list = staff.post(url(decision), {"contribution": str(theirs.public_id)})
        theme = staff.post(url(decision), {"theme": str(their_theme.public_id)})
    assert "Nothing said in this organisation has the reference" in by_reference.content.decode()
    assert "Choose something said in this organisation" in from_list.content.decode()
    assert "Choose a theme from this organisation" in theme.content.decode()


def test_two_things_said_sharing_a_reference_are_not_guessed_between(
    staff, decision, organisation, unchanged
):
    initiative = InitiativeFactory(organisation=organisation)
    for tail in ("1" * 24, "2" * 24):
        ContributionFactory(initiative=initiative, public_id=uuid.UUID("abcd1234" + tail))
    with unchanged():
        html = staff.post(url(decision), {"reference": "ABCD1234"}).content.decode()
    assert "More than one thing said has this reference. Find it in the list below" in html


def test_another_organisations_decision_is_not_found(staff, organisation, other_organisation):
    theirs = DecisionFactory(organisation=other_organisation)
    address = reverse("decisions:decision-cite-add", args=[organisation.slug, theirs.public_id])
    assert staff.get(address).status_code == 404


def test_the_decisions_list_and_the_recorded_page_lead_here(staff, decision, organisation):
    listed = staff.get(
        reverse("decisions:decision-list", args=[organisation.slug])
    ).content.decode()
    recorded = staff.get(
        reverse("decisions:decision-recorded", args=[organisation.slug, decision.public_id])
    ).content.decode()
    assert url(decision) in listed
    assert url(decision) in recorded


def test_refused_words_are_not_in_the_page_as_anything_a_decision_can_use(
    staff, decision, organisation
):
    held = ContributionFactory(
        initiative=InitiativeFactory(organisation=organisation), held=True, text="Call me HELDWORDS"
    )
    response = staff.post(url(decision), {"reference": voice_selectors.reference(held)})
    assert "HELDWORDS" not in response.content.decode()
    assert Contribution.objects.get(pk=held.pk).status == Contribution.Status.HELD
