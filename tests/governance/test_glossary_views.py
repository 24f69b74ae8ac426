"""The glossary page, through the Django client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.governance.models import GlossaryTerm
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_member_reads_the_glossary_alphabetically_with_an_anchor_per_word(
    client, django_assert_max_num_queries
):
    # given a glossary with words in mixed capitals
    organisation = factories.OrganisationFactory()
    for term in ["quorum", "Agenda", "Co-opt"]:
        GlossaryTerm.objects.create(organisation=organisation, term=term, meaning=f"{term} means")
    client.force_login(factories.person_with_role(Role.YOUNG_PERSON, organisation).user)
    url = reverse("governance:glossary", args=[organisation.slug])
    # when a young person opens it
    with django_assert_max_num_queries(25):
        response = client.get(url)
    # then the words are in alphabetical order, each with an anchor a paper can link to
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Agenda") < page.index("Co-opt") < page.index("quorum")
    assert 'id="term-co-opt"' in page
    assert 'id="term-quorum"' in page


def test_an_empty_glossary_says_what_will_appear(client):
    organisation = factories.OrganisationFactory()
    client.force_login(factories.person_with_role(Role.PARENT_CARER, organisation).user)
    response = client.get(reverse("governance:glossary", args=[organisation.slug]))
    assert "There are no words here yet" in response.content.decode()


def test_a_worker_explains_a_word_changes_it_and_takes_it_out(client):
    organisation = factories.OrganisationFactory()
    client.force_login(factories.person_with_role(Role.WORKER, organisation).user)
    glossary = reverse("governance:glossary", args=[organisation.slug])
    add = reverse("governance:glossary-add", args=[organisation.slug])
    # An empty form says what is missing, in our words
    empty = client.post(add, {})
    assert "Enter the word or phrase." in empty.content.decode()
    assert not GlossaryTerm.objects.exists()
    assert client.post(add, {"term": "Quorum", "meaning": "Enough people."}).status_code == 302
    # The same word again, whatever its capitals, is refused plainly
    again = client.post(add, {"term": "quorum", "meaning": "Again."})
    assert "already" in again.content.decode()
    entry = GlossaryTerm.objects.get()
    change = reverse("governance:glossary-change", args=[organisation.slug, entry.pk])
    assert "Enough people." in client.get(change).content.decode()
    client.post(change, {"term": "Quorum", "meaning": "Enough of the right people."})
    assert "Enough of the right people." in client.get(glossary).content.decode()
    remove = reverse("governance:glossary-remove", args=[organisation.slug, entry.pk])
    assert client.post(remove, {}).status_code == 302
    assert not GlossaryTerm.objects.exists()


def test_a_young_person_reads_the_glossary_but_cannot_change_it(client):
    organisation = factories.OrganisationFactory()
    GlossaryTerm.objects.create(organisation=organisation, term="Motion", meaning="A proposal.")
    client.force_login(factories.person_with_role(Role.YOUNG_PERSON, organisation).user)
    page = client.get(reverse("governance:glossary", args=[organisation.slug])).content.decode()
    assert "Explain a word" not in page
    assert "Take out" not in page
