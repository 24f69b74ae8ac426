"""The words on every page: Welsh is whole or marked, and English is ours, not a library's.

Both walk every page row of the permission matrix (tests/*/matrix.py) as the visitors the
sweep uses, with the test client, and read every text node (visually hidden ones too: a
screen reader reads them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from alongside.accounts.models import ApiToken, JoinCode, Organisation, Person, User
from alongside.core.models import AuditEvent
from alongside.govuk.untranslated import END, START, mark_english
from alongside.initiatives.models import Initiative, TeamMember
from alongside.safeguarding.models import Concern  # safeguarding (issue 13)
from alongside.voice.models import Answer, Contribution, Theme
from tests.matrix import (
    KeptWorld,
    World,
    action_of,
    all_rows,
    all_views,
    kept_world,
    matrix_modules,
    sweep_visitors,
)

pytestmark = pytest.mark.django_db

ROWS = all_rows()
VIEWS = all_views()
PAGES = sorted(name for name, row in ROWS.items() if row.page)
_NO_LETTERS = re.compile(r"^[\W\d_]*$")
INITIATIVE_TEXT = (
    "title",
    "purpose",
    "decision_fed",
    "decision_maker",
    "scope_for_influence",
    "how_to_take_part",
    "feedback",
)


# Not prose: scripts, and technical terms (cookie names, token prefixes) that are in no language.
_NOT_PROSE = {"script", "style", "title", "code"}


class _Text(HTMLParser):
    """Every text node of a page, with the language it is said to be in."""

    def __init__(self) -> None:
        super().__init__()
        self.langs: list[tuple[str, str | None]] = []
        self.nodes: list[tuple[str, str]] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_PROSE:
            self.skip += 1
        if tag not in {"br", "img", "input", "link", "meta", "hr", "wbr", "col", "source"}:
            self.langs.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_PROSE:
            self.skip -= 1
        while self.langs and self.langs.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.skip:
            lang = next((lang for _tag, lang in reversed(self.langs) if lang), "")
            self.nodes.append((text, lang))


def text_nodes(html: str) -> list[tuple[str, str]]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


@pytest.fixture(scope="module")
def kept(django_db_setup: None, django_db_blocker: Any) -> Iterator[KeptWorld]:
    """The world, built once per module (per xdist worker); each test rolls back to it."""
    with kept_world(django_db_blocker) as kept:
        yield kept


def _visits(name: str, kept: KeptWorld, world: World) -> list[tuple[str, str, Client]]:
    """(who, path, a client signed in as them, prepared) for each visitor the sweep uses."""
    row = ROWS[name]
    action = action_of(VIEWS[name])
    assert action is not None
    path = reverse(name, kwargs=row.kwargs(world))
    visits = []
    for visitor in sweep_visitors(row, action, world):
        client = kept.client(visitor)
        if row.prepare is not None:
            row.prepare(world, client)
        visits.append((visitor.label, path, client))
    return visits


def _get(client: Client, path: str, language: str) -> str:
    """The page at ``path`` after choosing ``language`` with the link every page has."""
    switched = client.get(reverse("home:language", kwargs={"code": language}), {"next": path})
    assert switched.status_code == 302, switched.status_code
    response = client.get(path, follow=True)
    assert response.status_code == 200, (path, language, response.status_code)
    return response.content.decode()


def _people_and_things() -> set[str]:
    """What people typed or were given: names, usernames, codes. Not ours to translate."""
    values: set[str] = set()
    values.update(Person.objects.values_list("display_name", flat=True))
    values.update(Organisation.objects.values_list("name", flat=True))
    values.update(User.objects.values_list("username", flat=True))
    values.update(User.objects.values_list("email", flat=True))
    values.update(JoinCode.objects.values_list("label", flat=True))
    values.update(JoinCode.objects.values_list("code", flat=True))
    values.update(ApiToken.objects.values_list("name", flat=True))
    # The audit filter lists events by their machine names (the audit page is being reworked
    # to describe them in words).
    values.update(AuditEvent.objects.values_list("action", flat=True))
    # Initiatives (issue 13): what staff wrote about an initiative and its team.
    for column in INITIATIVE_TEXT:
        values.update(Initiative.objects.values_list(column, flat=True))
    values.update(TeamMember.objects.values_list("role_title", flat=True))
    values.update(TeamMember.objects.values_list("role_description", flat=True))
    # safeguarding (issue 13): a concern and its answer are in the words of whoever wrote them.
    for column in ("text", "response", "close_note"):
        values.update(Concern.objects.values_list(column, flat=True))
    # end safeguarding
    # >>> voice: what people typed into contributions (and why one was hidden) is in their words
    values.update(Contribution.objects.values_list("text", flat=True))
    values.update(Contribution.objects.values_list("moderation_reason", flat=True))
    # <<< voice
    # Themes and answers: what staff and young people typed
    values.update(Theme.objects.values_list("name", flat=True))
    values.update(Theme.objects.values_list("description", flat=True))
    values.update(Answer.objects.values_list("text", flat=True))
    values.update(Answer.objects.values_list("passed_to", flat=True))
    # What people typed in each domain's pages: ``TYPED_TEXT`` (model, field) pairs in
    # tests/<domain>/matrix*.py, so a domain lists its own without editing this file.
    for module in matrix_modules():
        for model, field in getattr(module, "TYPED_TEXT", []):
            values.update(model.objects.values_list(field, flat=True))
    return {value for value in values if value}


def _same_in_welsh() -> set[str]:
    """Words the Welsh catalogue says are the same in Welsh (the service's name)."""
    catalog = trans_real.translation("cy")._catalog  # type: ignore[attr-defined]
    return {msgid for msgid, msgstr in catalog.items() if msgid == msgstr}


def test_the_marks_become_lang_en_in_text_and_vanish_where_a_span_cannot_go() -> None:
    # Given a page with an untranslated passage in its text, an attribute and its title
    marked = f"{START}Hello{END}"
    html = (
        f'<html lang="cy"><title>{marked}</title><body><p>Croeso. {marked}</p>'
        f'<a aria-label="{marked}" href="/">x</a><select><option>{marked}</option></select>'
    )
    # When the middleware rewrites it
    rewritten = mark_english(html)
    # Then the text says it is English, and no mark is left anywhere
    assert '<p>Croeso. <span lang="en">Hello</span></p>' in rewritten
    assert "<title>Hello</title>" in rewritten
    assert 'aria-label="Hello"' in rewritten
    assert '<option lang="en">Hello</option>' in rewritten
    assert START not in rewritten
    assert END not in rewritten


def test_an_untranslated_message_is_marked_only_while_a_welsh_page_is_built(
    client: Client,
) -> None:
    # Given a message with no Welsh translation
    message = "A message nobody has translated"
    # When it is translated outside a request, Then it is left alone, in either language
    with translation.override("cy"):
        assert translation.gettext(message) == message


@pytest.mark.parametrize("name", PAGES)
def test_every_page_in_welsh_is_welsh_or_marked_english(name: str, kept: KeptWorld) -> None:
    # Given a page, as someone who may see it
    world = kept.fresh()
    for label, path, client in _visits(name, kept, world):
        # When they read it in English and then in Welsh
        english = {text for text, _lang in text_nodes(_get(client, path, "en-gb"))}
        welsh = _get(client, path, "cy")
        assert '<html lang="cy"' in welsh, f"{name} is not said to be in Welsh"
        ours = _people_and_things()
        same = _same_in_welsh()
        # Then any text the same as on the English page is marked lang="en"
        left = sorted(
            {
                text
                for text, lang in text_nodes(welsh)
                if not lang.startswith("en")
                and text in english
                and not _NO_LETTERS.match(text)
                and text not in ours
                and text not in same
            }
        )
        assert not left, f"{name} as {label} shows English in Welsh without lang=en: {left}"


LIBRARY_WORDS = re.compile(r"password|this field is required|successfully signed in", re.I)


def _library_words(html: str) -> list[str]:
    return sorted({text for text, _lang in text_nodes(html) if LIBRARY_WORDS.search(text)})


@pytest.mark.parametrize("name", PAGES)
def test_no_page_uses_a_librarys_words(name: str, kept: KeptWorld) -> None:
    # Given a page, as someone who may see it
    world = kept.fresh()
    for label, path, client in _visits(name, kept, world):
        # When they read it in English, and send its form empty
        shown = _get(client, path, "en-gb")
        sent = client.post(path, {}, follow=True).content.decode()
        # Then no text says "password" or a library's stock message
        assert not _library_words(shown), f"{name} as {label}: {_library_words(shown)}"
        assert not _library_words(sent), f"{name} as {label}, sent empty: {_library_words(sent)}"
