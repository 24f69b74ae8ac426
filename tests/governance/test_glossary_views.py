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
