"""The Jinja2 environment: our templates first, then the official GOV.UK Frontend macros."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader

from alongside.govuk import jinja_helpers


def url(viewname: str, *args: Any, **kwargs: Any) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    loader = ChoiceLoader(
        [
            options.pop("loader"),
            PrefixLoader(
                {"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja", "templates")}
            ),
        ]
    )
    # Django passes autoescape=True in options, so every variable is escaped.
    env = Environment(loader=loader, extensions=["jinja2.ext.i18n"], **options)  # noqa: S701
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "settings_mode": settings.MODE,
            "now": timezone.now,
            "can": jinja_helpers.can,
            "govuk_field": jinja_helpers.govuk_field,
            "govuk_error_summary": jinja_helpers.govuk_error_summary,
            "page_title": jinja_helpers.page_title,
        }
    )
    env.filters.update(
        {
            "date": jinja_helpers.format_date,
            "datetime": jinja_helpers.format_datetime,
            "month": jinja_helpers.format_month,
            "number": formats.number_format,
            "money": jinja_helpers.format_money,
        }
    )
    return env
