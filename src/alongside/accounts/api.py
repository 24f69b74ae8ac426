"""The accounts part of the API: organisations, the caller, and the people in an organisation.

Each operation asks the policy, reads through selectors, writes through services, and answers
with an explicit schema. A young person's month and year of birth and any email address are
never part of an answer.

No ``from __future__ import annotations`` here: ninja's ``paginate`` wraps the view in its
own module, so the view's annotations must be real objects, not strings to resolve.
"""

import uuid
from collections.abc import Iterable
from typing import Literal, Self, cast

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator

from alongside.accounts import rules, selectors, services
from alongside.accounts.api_auth import (
    actor_of,
    organisation_for,
    policy_extra,
    require,
    token_of,
)
from alongside.accounts.models import Organisation, Person
from alongside.accounts.roles import Role
from alongside.api.errors import Problem
from alongside.api.pagination import PageNumberPagination, PageRows
from alongside.api.schemas import Input
from alongside.core.limits import column_length

router = Router(tags=["accounts"])

# Spelled out so the schema lists them; a test checks they match the models' choices.
OrganisationKind = Literal["council", "school", "youth_organisation", "health_service", "provider"]
PersonKind = Literal["young_person", "parent_carer", "community_member", "professional"]
RoleName = Literal[
    "org_admin",
    "worker",
    "commissioner",
    "councillor",
    "provider",
    "safeguarding_lead",
    "young_person",
    "parent_carer",
    "community_member",
    "reward_partner",
]
OfflinePersonKind = Literal["young_person", "parent_carer"]

# The refusals each kind of operation can give, for the schema (see alongside.accounts.api_auth).
PUBLIC_LIST = {422: Problem}
PUBLIC_ONE = {404: Problem}
SIGNED_IN = {401: Problem}
IN_ORGANISATION = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


# Schemas ------------------------------------------------------------------------------------


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: OrganisationKind
    area: str

    @classmethod
    def of(cls, organisation: Organisation) -> Self:
        return cls(
            slug=organisation.slug,
            name=organisation.name,
            kind=cast(OrganisationKind, organisation.kind),
            area=organisation.area,
        )


class MeOut(Schema):
    id: uuid.UUID = Field(description="The person's public id.")
    display_name: str
    kind: PersonKind
    organisation: OrganisationOut = Field(description="The organisation the token is for.")
    roles: list[RoleName] = Field(description="The roles the token acts with there.")


class PersonOut(Schema):
    id: uuid.UUID = Field(description="The person's public id.")
    display_name: str
    kind: PersonKind
    roles: list[RoleName] = Field(description="Their roles in this organisation.")
    can_sign_in: bool = Field(description="They have a sign-in of their own.")
    taking_part: bool = Field(
        description="Consent to take part here is in force (a parent's, for under-13s)."
    )


class PeopleFilters(Input):
    role: RoleName | None = Field(None, description="Only people with this role here.")
    q: str = Field(
        "",
        max_length=column_length(Person, "display_name"),
        description="Part of a display name.",
    )


class OfflinePersonIn(Input):
    display_name: str = Field(
        max_length=column_length(Person, "display_name"),
        description="A first name or nickname is enough. No surname.",
    )
    kind: OfflinePersonKind
    birth_month: int | None = Field(
        None, ge=1, le=12, description="Needed for a young person; ignored for a parent."
    )
    birth_year: int | None = Field(
        None, ge=1900, le=2100, description="Needed for a young person; ignored for a parent."
    )
    contact_email: str = Field(
        "",
        max_length=column_length(Person, "contact_email"),
        description="Only if they or their parent want to be contacted. Never shown back.",
    )

    @field_validator("contact_email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValueError(
                    "Enter an email address in the correct format, like name@example.com"
                ) from None
        return value


# Building rows ------------------------------------------------------------------------------

ROLE_ORDER = {role.value: index for index, role in enumerate(Role)}


def _role_values(labels: list[str]) -> list[RoleName]:
    """``selectors.roles_by_person`` gives role labels (for pages); the API speaks values.

    The labels are translated lazily, so the map is made now, in the request's language.
    """
    value_for_label = {str(role.label): role.value for role in Role}
    return _in_role_order(value_for_label[str(label)] for label in labels)


def _in_role_order(values: Iterable[str]) -> list[RoleName]:
    return cast(list[RoleName], sorted(values, key=lambda value: ROLE_ORDER[value]))


def _person_rows(organisation: Organisation, people: list[Person]) -> list[PersonOut]:
    """Rows for a page of people, in two queries however many people there are."""
    roles = selectors.roles_by_person(organisation=organisation, people=people)
    consented = selectors.consented_people(organisation=organisation, people=people)
    return [
        PersonOut(
            id=person.public_id,
            display_name=person.display_name,
            kind=cast(PersonKind, person.kind),
            roles=_role_values(roles.get(person.pk, [])),
            can_sign_in=person.can_sign_in,
            taking_part=person.pk in consented,
        )
        for person in people
    ]


# Organisations ------------------------------------------------------------------------------


@router.get(
    "/organisations",
    auth=None,
    response={200: list[OrganisationOut], **PUBLIC_LIST},
    operation_id="OrganisationList",
    url_name="organisation-list",
    summary="List organisations",
    openapi_extra=policy_extra(rules.PAGE_VIEW),
)
@paginate(PageNumberPagination)
def organisation_list(request: HttpRequest) -> PageRows[Organisation, OrganisationOut]:
    """Every organisation using Alongside, by name. Open to anyone."""
    require(actor_of(request), rules.PAGE_VIEW)
    return PageRows(
        selectors.organisations_public(),
        lambda organisations: [OrganisationOut.of(o) for o in organisations],
    )


@router.get(
    "/organisations/{slug}",
    auth=None,
    response={200: OrganisationOut, **PUBLIC_ONE},
    operation_id="OrganisationDetail",
    url_name="organisation-detail",
    summary="Get an organisation",
    openapi_extra=policy_extra(rules.PAGE_VIEW),
)
def organisation_detail(request: HttpRequest, slug: str) -> OrganisationOut:
    """One organisation, by its short name. Open to anyone."""
    require(actor_of(request), rules.PAGE_VIEW)
    return OrganisationOut.of(selectors.organisation_get(slug=slug))


# The caller ---------------------------------------------------------------------------------


@router.get(
    "/me",
    response={200: MeOut, **SIGNED_IN},
    operation_id="MeDetail",
    url_name="me",
    summary="Who the token acts as",
    openapi_extra=policy_extra(rules.OWN_ACCOUNT),
)
def me(request: HttpRequest) -> MeOut:
    """The person who made the token, the token's organisation, and their roles there."""
    actor = actor_of(request)
    require(actor, rules.OWN_ACCOUNT)
    token = token_of(request)
    person = token.person
    return MeOut(
        id=person.public_id,
        display_name=person.display_name,
        kind=cast(PersonKind, person.kind),
        organisation=OrganisationOut.of(token.organisation),
        roles=_in_role_order(actor.roles_in(token.organisation_id)),
    )


# People in an organisation ------------------------------------------------------------------


@router.get(
    "/organisations/{slug}/people",
    response={200: list[PersonOut], **IN_ORGANISATION},
    operation_id="PersonList",
    url_name="person-list",
    summary="List the people in an organisation",
    openapi_extra=policy_extra(rules.PEOPLE_VIEW),
)
@paginate(PageNumberPagination)
def person_list(
    request: HttpRequest, slug: str, filters: Query[PeopleFilters]
) -> PageRows[Person, PersonOut]:
    """People with a role in the organisation, by display name; filter by role or name."""
    organisation = organisation_for(request, slug, rules.PEOPLE_VIEW)
    people = selectors.people_for_organisation(
        organisation=organisation, role=filters.role or "", search=filters.q
    )
    return PageRows(people, lambda page: _person_rows(organisation, page))


@router.get(
    "/organisations/{slug}/people/{person_id}",
    response={200: PersonOut, **IN_ORGANISATION},
    operation_id="PersonDetail",
    url_name="person-detail",
    summary="Get one person in an organisation",
    openapi_extra=policy_extra(rules.PEOPLE_VIEW),
)
def person_detail(request: HttpRequest, slug: str, person_id: uuid.UUID) -> PersonOut:
    """One person, by id. Looking is recorded in the organisation's audit trail."""
    organisation = organisation_for(request, slug, rules.PEOPLE_VIEW)
    person = selectors.person_get(organisation=organisation, public_id=str(person_id))
    services.person_record_view(actor=actor_of(request), organisation=organisation, person=person)
    return _person_rows(organisation, [person])[0]


@router.post(
    "/organisations/{slug}/people",
    response={201: PersonOut, **IN_ORGANISATION, 409: Problem},
    operation_id="PersonCreate",
    url_name="person-create",
    summary="Add a young person or parent who takes part offline",
    openapi_extra=policy_extra(rules.PERSON_CREATE),
)
def person_create(
    request: HttpRequest, response: HttpResponse, slug: str, payload: OfflinePersonIn
) -> Status[PersonOut]:
    """Record someone who takes part face to face and has no sign-in (yet).

    A young person needs a month and year of birth, so we know whether a parent or carer
    must agree before they take part online. A parent's age is not needed, so it is not kept.
    """
    organisation = organisation_for(request, slug, rules.PERSON_CREATE)
    is_young = payload.kind == Person.Kind.YOUNG_PERSON.value
    person = services.person_create_offline(
        actor=actor_of(request),
        organisation=organisation,
        display_name=payload.display_name,
        kind=payload.kind,
        birth_month=payload.birth_month if is_young else None,
        birth_year=payload.birth_year if is_young else None,
        contact_email=payload.contact_email,
    )
    response["Location"] = reverse(
        "api:person-detail", kwargs={"slug": organisation.slug, "person_id": person.public_id}
    )
    return Status(201, _person_rows(organisation, [person])[0])
