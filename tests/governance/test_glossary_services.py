"""The glossary: one entry per word whatever its capitals, and which words a paper uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.accounts.roles import Role
from alongside.core.audit import AuditEvent
from alongside.core.errors import NotFound, NotPermitted, ValidationFailed
from alongside.governance import selectors
from alongside.governance.models import GlossaryTerm
from alongside.governance.services import glossary
from tests import factories

pytestmark = pytest.mark.django_db


def _worker(organisation):
    return factories.actor(factories.person_with_role(Role.WORKER, organisation))


def test_a_word_is_in_the_glossary_once_whatever_its_capitals():
    # given a worker who has added "Quorum"
    organisation = factories.OrganisationFactory()
    worker = _worker(organisation)
    glossary.term_add(
        actor=worker, organisation=organisation, term=" Quorum ", meaning="Enough people."
    )
    # when they add "quorum" again, then it is refused in plain words
    with pytest.raises(ValidationFailed, match="already in the glossary") as error:
        glossary.term_add(actor=worker, organisation=organisation, term="quorum", meaning="x")
    assert error.value.field == "term"
    # and another organisation may have its own "quorum"
    other = factories.OrganisationFactory()
    glossary.term_add(actor=_worker(other), organisation=other, term="quorum", meaning="y")
    assert GlossaryTerm.objects.filter(organisation=organisation).get().term == "Quorum"
    assert AuditEvent.objects.filter(action="governance.glossary.change").count() == 2


@pytest.mark.parametrize(
    ("term", "meaning", "field"),
    [
        ("", "m", "term"),
        ("t" * 81, "m", "term"),
        ("t", " ", "meaning"),
        ("t", "m" * 601, "meaning"),
    ],
)
def test_an_entry_needs_a_word_and_a_meaning_of_the_right_length(term, meaning, field):
    organisation = factories.OrganisationFactory()
    with pytest.raises(ValidationFailed) as error:
        glossary.term_add(
            actor=_worker(organisation), organisation=organisation, term=term, meaning=meaning
        )
    assert error.value.field == field


def test_changing_to_a_word_already_there_is_refused_and_removing_is_audited():
    organisation = factories.OrganisationFactory()
    worker = _worker(organisation)
    agenda = glossary.term_add(
        actor=worker, organisation=organisation, term="Agenda", meaning="The list."
    )
    motion = glossary.term_add(
        actor=worker, organisation=organisation, term="Motion", meaning="An idea to vote on."
    )
    with pytest.raises(ValidationFailed, match="already in the glossary"):
        glossary.term_change(actor=worker, entry=motion, term="AGENDA", meaning="x")
    glossary.term_change(actor=worker, entry=motion, term="Motions", meaning="Ideas.")
    glossary.term_remove(actor=worker, entry=agenda)
    assert [t.term for t in selectors.glossary_for(organisation=organisation)] == ["Motions"]
    with pytest.raises(NotFound):
        selectors.glossary_term_get(organisation=organisation, pk=agenda.pk)


def test_a_young_person_cannot_change_the_glossary():
    organisation = factories.OrganisationFactory()
    young = factories.actor(factories.person_with_role(Role.YOUNG_PERSON, organisation))
    with pytest.raises(NotPermitted):
        glossary.term_add(actor=young, organisation=organisation, term="t", meaning="m")


def test_glossary_terms_in_finds_whole_words_whatever_the_capitals():
    # given a glossary with "vote", "co-opt" and "AOB"
    organisation = factories.OrganisationFactory()
    for term in ["vote", "co-opt", "AOB"]:
        GlossaryTerm.objects.create(organisation=organisation, term=term, meaning="m")
    # when a paper says "Voting" (not the word "vote") and "We may Co-opt someone. aob."
    found = selectors.glossary_terms_in(
        organisation, ["Voting opens at six.", "We may Co-opt someone.", "Then aob."]
    )
    # then the whole words are found and "vote" inside "Voting" is not
    assert [t.term for t, _position in found] == ["AOB", "co-opt"]
    # each with its place in the whole glossary, for the link to its page
    assert [position for _t, position in found] == [0, 1]


@given(
    word=st.text(alphabet="abcdefghij", min_size=1, max_size=8),
    before=st.text(alphabet=" .,;!?\n", max_size=3),
    after=st.text(alphabet=" .,;!?\n", max_size=3),
    glue=st.text(alphabet="xyz", min_size=1, max_size=3),
)
def test_a_word_is_found_alone_and_not_inside_a_longer_word(word, before, after, glue):
    # A whole word with any punctuation round it is found; glued to letters it is not.
    assert selectors.mentions(word, f"{before}{word.upper()}{after}")
    assert not selectors.mentions(word, f"{glue}{word}{glue}")
