"""Helpers the Jinja environment exposes to templates.

``govuk_field`` is the adapter between a Django form field and the matching GOV.UK macro: it
builds the macro's parameters (label, hint, error message, items) from the field so that every
form in the product renders the same accessible markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from alongside.core.money import format_pence

MACROS = {
    "input": ("govuk_frontend_jinja/components/input/macro.html", "govukInput"),
    "password": ("govuk_frontend_jinja/components/password-input/macro.html", "govukPasswordInput"),
    "textarea": ("govuk_frontend_jinja/components/textarea/macro.html", "govukTextarea"),
    "select": ("govuk_frontend_jinja/components/select/macro.html", "govukSelect"),
    "radios": ("govuk_frontend_jinja/components/radios/macro.html", "govukRadios"),
    "checkboxes": ("govuk_frontend_jinja/components/checkboxes/macro.html", "govukCheckboxes"),
    "error_summary": (
        "govuk_frontend_jinja/components/error-summary/macro.html",
        "govukErrorSummary",
    ),
}


def _render(context: Context, key: str, params: dict[str, Any]) -> Markup:
    """Call one GOV.UK macro. Under autoescaping (Django's Jinja2 default) it returns Markup."""
    template_name, macro_name = MACROS[key]
    template = context.environment.get_template(template_name)
    return cast(Markup, getattr(template.module, macro_name)(params))


def _error(field: forms.BoundField) -> dict[str, str] | None:
    if field.errors:
        return {
            "text": " ".join(str(e) for e in field.errors),
            "visuallyHiddenText": _("Error"),
        }
    return None


def _label(field: forms.BoundField, is_page_heading: bool, classes: str) -> dict[str, Any]:
    label: dict[str, Any] = {"text": str(field.label)}
    if is_page_heading:
        label.update({"isPageHeading": True, "classes": classes or "govuk-label--l"})
    elif classes:
        label["classes"] = classes
    return label


def _legend(field: forms.BoundField, is_page_heading: bool, classes: str) -> dict[str, Any]:
    legend: dict[str, Any] = {"text": str(field.label)}
    if is_page_heading:
        legend.update({"isPageHeading": True, "classes": classes or "govuk-fieldset__legend--l"})
    else:
        legend["classes"] = classes or "govuk-fieldset__legend--s"
    return legend


def _hint(field: forms.BoundField) -> dict[str, str] | None:
    return {"text": str(field.help_text)} if field.help_text else None


def _choices(field: forms.BoundField) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in field.field.choices]  # type: ignore[attr-defined]


def _current(field: forms.BoundField) -> set[str]:
    value = field.value()
    if value is None:
        return set()
    if isinstance(value, list | tuple):
        return {str(v) for v in value}
    return {str(value)}


@pass_context
def govuk_field(
    context: Context,
    field: forms.BoundField,
    *,
    is_page_heading: bool = False,
    label_classes: str = "",
    classes: str = "",
    **extra: Any,
) -> Markup:
    """Render one Django form field with the GOV.UK macro that fits its widget."""
    widget = field.field.widget
    params: dict[str, Any] = {
        "id": field.id_for_label or field.html_name,
        "name": field.html_name,
        "hint": _hint(field),
        "errorMessage": _error(field),
    }
    if classes:
        params["classes"] = classes
    attributes = {
        key: value
        for key, value in widget.attrs.items()
        if key not in {"class", "id", "autocomplete", "inputmode", "spellcheck", "maxlength"}
    }
    if "maxlength" in widget.attrs:
        attributes["maxlength"] = widget.attrs["maxlength"]

    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        key = "checkboxes" if isinstance(widget, forms.CheckboxSelectMultiple) else "radios"
        current = _current(field)
        params.pop("id")
        params["idPrefix"] = field.html_name
        params["fieldset"] = {"legend": _legend(field, is_page_heading, label_classes)}
        item_hints: dict[str, str] = getattr(field.field, "item_hints", {})
        params["items"] = [
            {
                "value": value,
                "text": label,
                "checked": value in current,
                **({"hint": {"text": item_hints[value]}} if value in item_hints else {}),
            }
            for value, label in _choices(field)
            if value != ""
        ]
        return _render(context, key, params | extra)

    if isinstance(widget, forms.CheckboxInput):
        # A single yes/no box is a one-item checkboxes component.
        params.pop("id")
        params["idPrefix"] = field.html_name
        params["items"] = [
            {"value": "on", "text": str(field.label), "checked": bool(field.value())}
        ]
        return _render(context, "checkboxes", params | extra)

    params["label"] = _label(field, is_page_heading, label_classes)
    if isinstance(widget, forms.Select):
        current = _current(field)
        params["items"] = [
            {"value": value, "text": label, "selected": value in current}
            for value, label in _choices(field)
        ]
        return _render(context, "select", params | extra)

    value = field.value()
    params["value"] = "" if value is None else str(value)
    if widget.attrs.get("autocomplete"):
        params["autocomplete"] = widget.attrs["autocomplete"]
    if widget.attrs.get("inputmode"):
        params["inputmode"] = widget.attrs["inputmode"]
    if "spellcheck" in widget.attrs:
        params["spellcheck"] = widget.attrs["spellcheck"]
    if attributes:
        params["attributes"] = attributes
    if isinstance(widget, forms.Textarea):
        params.setdefault("rows", widget.attrs.get("rows", 5))
        return _render(context, "textarea", params | extra)
    if isinstance(widget, forms.PasswordInput):
        params["value"] = ""
        params.update(
            {
                "showPasswordText": _("Show"),
                "hidePasswordText": _("Hide"),
                "showPasswordAriaLabelText": _("Show passphrase"),
                "hidePasswordAriaLabelText": _("Hide passphrase"),
                "passwordShownAnnouncementText": _("Your passphrase is visible"),
                "passwordHiddenAnnouncementText": _("Your passphrase is hidden"),
            }
        )
        return _render(context, "password", params | extra)
    input_type = getattr(widget, "input_type", "text")
    if input_type not in {"text", "email", "number", "tel", "url", "search"}:
        input_type = "text"
    if input_type == "number":
        # GOV.UK advise against type=number; a numeric keyboard is enough.
        input_type = "text"
        params.setdefault("inputmode", "numeric")
    params["type"] = input_type
    return _render(context, "input", params | extra)


@pass_context
def govuk_error_summary(context: Context, *forms_: forms.Form | None) -> Markup:
    """The GOV.UK error summary for one or more forms; empty when there is nothing wrong."""
    items: list[dict[str, str]] = []
    for form in forms_:
        if not isinstance(form, forms.BaseForm) or not form.is_bound or not form.errors:
            continue
        for name, errors in form.errors.items():
            if name == "__all__":
                items.extend({"text": str(e)} for e in errors)
                continue
            bound = form[name]
            widget = bound.field.widget
            if isinstance(
                widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput
            ):
                anchor = bound.html_name
            else:
                anchor = bound.id_for_label or bound.html_name
            items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
    if not items:
        return Markup("")
    return _render(
        context, "error_summary", {"titleText": _("There is a problem"), "errorList": items}
    )


def page_title(title: str, *forms_: forms.Form | None) -> str:
    """GOV.UK page titles say 'Error: ' first when the page shows errors."""
    has_errors = any(isinstance(f, forms.BaseForm) and f.is_bound and f.errors for f in forms_)
    name = _("Alongside")
    return f"{_('Error')}: {title} – {name}" if has_errors else f"{title} – {name}"


@pass_context
def can(context: Context, action: str, organisation: Any = None) -> bool:
    request = context.get("request")
    actor = getattr(request, "actor", None)
    return bool(actor is not None and actor.can(action, organisation))


def format_date(value: dt.date | dt.datetime | None) -> str:
    """4 June 2026, in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


def format_month(value: dt.date) -> str:
    """June 2026 (a report's month)."""
    return date_format(value, "F Y")


def format_datetime(value: dt.datetime | None) -> str:
    """4 June 2026 at 3:05pm, in Europe/London."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    time = date_format(local, "g:i") + ("am" if local.hour < 12 else "pm")
    return f"{date_format(local, 'j F Y')} {_('at')} {time}"


def format_money(pence: int | None) -> str:
    """£3,000 for whole pounds, £3,000.50 otherwise (GOV.UK style: no .00 on whole pounds)."""
    return "" if pence is None else format_pence(int(pence))
