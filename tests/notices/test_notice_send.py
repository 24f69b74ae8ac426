"""notice_send, which every domain calls: once per event, nothing for the erased, text kept to
the column."""

from __future__ import annotations

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alongside.notices.models import Notice
from alongside.notices.services import notice_send

pytestmark = pytest.mark.django_db


def _send(person, **kwargs):
    kwargs.setdefault("kind", "voice.answered")
    kwargs.setdefault("text", "Your idea got an answer")
    kwargs.setdefault("event_key", "voice.answer:1")
    return notice_send(person=person, **kwargs)


def test_a_person_is_told_once_about_one_event(young_person, organisation):
    # Given a young person told that their idea got an answer
    first = _send(young_person, organisation=organisation, url="/my/notices/")
    # When the same event is sent again (a task run twice, two saves at once)
    again = _send(young_person, organisation=organisation, text="Something else")
    # Then there is one notice, as first written, and the repeat says so by returning None
    assert first is not None
    assert again is None
    assert list(Notice.objects.values_list("text", "url", "organisation_id")) == [
        ("Your idea got an answer", "/my/notices/", organisation.pk)
    ]


def test_another_event_or_another_person_is_a_new_notice(young_person, person_with_role):
    # Given one notice about answer 1
    _send(young_person)
    # When answer 2 is sent to them, and answer 1 to someone else
    other = person_with_role("young_person")
    _send(young_person, event_key="voice.answer:2")
    _send(other)
    # Then each is its own notice
    assert Notice.objects.filter(person=young_person).count() == 2
    assert Notice.objects.filter(person=other).count() == 1


def test_someone_whose_account_was_erased_is_told_nothing(young_person):
    # Given a person whose account was erased
    young_person.erased_at = timezone.now()
    young_person.save(update_fields=["erased_at"])
    # When a domain tells them something
    result = _send(young_person)
    # Then nothing is stored
    assert result is None
    assert not Notice.objects.exists()


def test_a_new_notice_is_unread_and_in_no_digest(young_person):
    notice = _send(young_person)
    assert notice is not None
    assert notice.read_at is None
    assert notice.sent_in is None


# No NUL (PostgreSQL cannot store one in text) and no lone surrogates (not UTF-8): no domain
# writes either.
@given(
    text=st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=1000
    )
)
def test_the_text_is_kept_to_300_characters_and_never_changed_otherwise(text):
    # Given any text at all (hypothesis runs this in one transaction per example)
    from tests import factories

    organisation = factories.OrganisationFactory()
    person = factories.PersonFactory()
    # When it is sent
    notice = notice_send(
        person=person, kind="k", text=text, event_key="e", organisation=organisation
    )
    # Then what is stored is its first 300 characters
    assert notice is not None
    notice.refresh_from_db()
    assert notice.text == text[:300]
    assert len(notice.text) <= 300
