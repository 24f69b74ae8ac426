"""One helper finds a row within an organisation and answers a foreign id like a missing one."""

from __future__ import annotations

import pytest

from alongside.accounts.models import JoinCode, Organisation, Person
from alongside.accounts.roles import Role
from alongside.core.errors import NotFound
from alongside.core.selectors import get_in_organisation
from tests import factories

pytestmark = pytest.mark.django_db

NOT_HERE = "That join code is not in this organisation."


def test_a_row_of_the_organisation_is_found(organisation):
    code = factories.JoinCodeFactory(organisation=organisation)

    found = get_in_organisation(JoinCode, organisation=organisation, pk=code.pk, not_found=NOT_HERE)

    assert found == code


def test_a_foreign_id_is_answered_like_a_missing_one(organisation, other_organisation):
    # Given a join code of another organisation
    foreign = factories.JoinCodeFactory(organisation=other_organisation)
    # When it is asked for within this organisation, and so is an id that does not exist
    with pytest.raises(NotFound) as foreign_error:
        get_in_organisation(JoinCode, organisation=organisation, pk=foreign.pk, not_found=NOT_HERE)
    with pytest.raises(NotFound) as missing_error:
        get_in_organisation(JoinCode, organisation=organisation, pk=0, not_found=NOT_HERE)
    # Then both get the same answer, which reveals nothing about the other organisation
    assert foreign_error.value.message == missing_error.value.message == NOT_HERE


def test_a_queryset_keeps_its_own_filters_and_joins(organisation, other_organisation):
    # Given a person in this organisation and one only in another
    here = factories.person_with_role(Role.YOUNG_PERSON, organisation)
    elsewhere = factories.person_with_role(Role.YOUNG_PERSON, other_organisation)
    people = Person.objects.select_related("user")

    found = get_in_organisation(
        people, organisation=organisation, public_id=here.public_id, not_found="No."
    )

    assert found == here
    with pytest.raises(NotFound):
        get_in_organisation(
            people, organisation=organisation, public_id=elsewhere.public_id, not_found="No."
        )


def test_a_model_that_belongs_to_no_organisation_is_refused(organisation):
    with pytest.raises(TypeError, match="not scoped to an organisation"):
        get_in_organisation(
            Organisation, organisation=organisation, pk=organisation.pk, not_found=""
        )
