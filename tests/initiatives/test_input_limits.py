"""Every text box on the initiative pages holds what its column holds, and says so in our words."""

from __future__ import annotations

import inspect

import pytest
from django import forms
from django.core.validators import MaxLengthValidator

from alongside.core.limits import column_length
from alongside.govuk.forms import TEXT_ERRORS
from alongside.initiatives import forms as initiative_forms
from alongside.initiatives.models import ChecklistAnswer, Initiative, TeamMember
from tests import factories

pytestmark = pytest.mark.django_db

COLUMNS = {
    ("InitiativeCreateForm", "title"): (Initiative, "title"),
    ("InitiativeCreateForm", "purpose"): (Initiative, "purpose"),
    ("AboutForm", "title"): (Initiative, "title"),
    ("AboutForm", "purpose"): (Initiative, "purpose"),
    ("DecisionForm", "decision_fed"): (Initiative, "decision_fed"),
    ("DecisionForm", "decision_maker"): (Initiative, "decision_maker"),
    ("DecisionForm", "scope_for_influence"): (Initiative, "scope_for_influence"),
    ("DecisionForm", "how_to_take_part"): (Initiative, "how_to_take_part"),
    ("TeamMemberForm", "role_title"): (TeamMember, "role_title"),
    ("TeamMemberForm", "role_description"): (TeamMember, "role_description"),
    ("ChecklistAnswerForm", "how"): (ChecklistAnswer, "how"),
    ("FeedbackForm", "feedback"): (Initiative, "feedback"),
}


def _forms(organisation):
    built = []
    for name, value in vars(initiative_forms).items():
        if not (inspect.isclass(value) and issubclass(value, forms.BaseForm)):
            continue
        if value.__module__ != initiative_forms.__name__:
            continue
        kwargs = {}
        if name == "AboutForm":
            kwargs = {"organisation": organisation}
        if name == "TeamMemberForm":
            kwargs = {"candidates": organisation.memberships.none()}
        built.append((name, value(**kwargs)))
    return built


def test_every_text_field_has_the_length_of_its_column_and_our_messages():
    organisation = factories.OrganisationFactory()
    seen = set()
    for form_name, form in _forms(organisation):
        for name, field in form.fields.items():
            if type(field) is not forms.CharField:
                continue
            key = (form_name, name)
            seen.add(key)
            assert key in COLUMNS, f"{key} is bound to no column: add it to COLUMNS"
            model, column = COLUMNS[key]
            assert field.max_length == column_length(model, column), key
            assert field.widget.attrs.get("maxlength") == str(field.max_length), key
            assert any(isinstance(v, MaxLengthValidator) for v in field.validators), key
            for code in TEXT_ERRORS:
                assert code in field.error_messages, (key, code)
    assert seen == set(COLUMNS)
