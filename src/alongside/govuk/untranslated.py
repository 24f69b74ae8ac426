"""English left in a Welsh page is marked ``lang="en"`` (WCAG 3.1.2), so a screen reader reads
it in an English voice and the page is honest about what is not translated yet.

While a page is built in Welsh, a message with no Welsh translation comes back from gettext
wrapped in two private-use characters. The marks survive whatever the code does with the
string (formatting, joining, a form error, a flash message stored for the next page), in
Python and in templates alike. On the way out, ``UntranslatedMiddleware`` turns each marked
passage in the page's text into ``<span lang="en">…</span>``, and removes the marks where a
span cannot go (attributes, the <title>, options, scripts) and from any other response.
"""

from __future__ import annotations

import contextvars
import gettext as gettext_module
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import trans_real

WELSH = "cy"
START = "\ue000"
END = "\ue001"

_marking: contextvars.ContextVar[bool] = contextvars.ContextVar("mark_untranslated", default=False)


def _mark(text: str) -> str:
    if not _marking.get() or not text or START in text:
        return text
    return f"{START}{text}{END}"


class _MarkUntranslated(gettext_module.NullTranslations):
    """Welsh's fallback: what the Welsh catalogue lacks comes back marked as English."""

    def __init__(self, english: Any) -> None:
        super().__init__()
        self.english = english

    def gettext(self, message: str) -> str:
        if trans_real.CONTEXT_SEPARATOR in message:
            # pgettext recognises a missing translation by the separator; leave it be.
            return str(self.english.gettext(message))
        return _mark(str(self.english.gettext(message)))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return _mark(self.english.ngettext(msgid1, msgid2, n))


def _install() -> None:
    welsh = trans_real.translation(WELSH)
    if not isinstance(welsh._fallback, _MarkUntranslated):  # type: ignore[attr-defined]
        welsh._fallback = _MarkUntranslated(welsh._fallback)  # type: ignore[attr-defined]


def strip_marks(text: str) -> str:
    return text.replace(START, "").replace(END, "")


# Where a <span> cannot go: text there loses its marks (and cannot say its language).
_NO_SPAN = {"title", "script", "style", "textarea", "option", "select", "optgroup"}


class _Rewriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.inside: list[str] = []
        self.option_at: int | None = None

    def _text(self, data: str) -> str:
        if (
            START in data
            and self.inside
            and self.inside[-1] == "option"
            and self.option_at is not None
        ):
            self.out[self.option_at] = self.out[self.option_at].replace(
                "<option", '<option lang="en"', 1
            )
        if any(tag in _NO_SPAN for tag in self.inside):
            return strip_marks(data)
        return data.replace(START, '<span lang="en">').replace(END, "</span>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(strip_marks(self.get_starttag_text() or ""))
        if tag == "option":
            # An option holds text only, so the option itself says it is English.
            self.option_at = len(self.out) - 1
        if tag not in _VOID:
            self.inside.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(strip_marks(self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.inside:
            while self.inside and self.inside.pop() != tag:
                pass
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(self._text(data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{strip_marks(data)}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{escape(data)}]>")


_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "source", "track", "wbr",
}  # fmt: skip


def mark_english(html: str) -> str:
    """Turn marked passages of an HTML page's text into ``<span lang="en">``."""
    if START not in html:
        return html
    rewriter = _Rewriter()
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)


class UntranslatedMiddleware:
    """Marks untranslated English while a Welsh page is built, and shows it on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(request, "LANGUAGE_CODE", None) != WELSH:
            return self.get_response(request)
        _install()
        token = _marking.set(True)
        try:
            response = self.get_response(request)
        finally:
            _marking.reset(token)
        if response.streaming or not response.content:
            return response
        content = response.content.decode(response.charset)
        if START not in content:
            return response
        if response.get("Content-Type", "").startswith("text/html"):
            content = mark_english(content)
        else:
            content = strip_marks(content)
        response.content = content.encode(response.charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
