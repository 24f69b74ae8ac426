"""The people in an organisation: listing, looking one up (recorded), adding someone offline."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.models import Consent, Person
from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from tests.api.support import rows_snapshot

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/organisations/riverside/people"
PERSON_FIELDS = {"id", "display_name", "kind", "roles", "can_sign_in", "taking_part"}


# Listing ------------------------------------------------------------------------------------


def test_staff_list_people_with_explicit_fields_only(call, admin, admin_token, person_with_role):
    # Given a young person with an email address on file and a parent without a sign-in
    young = person_with_role(Role.YOUNG_PERSON, display_name="Ash", contact_email="ash@example.org")
    assert young.user is not None
    young.user.email = "ash.login@example.org"
    young.user.save()
    parent = person_with_role(Role.PARENT_CARER, display_name="Bo", user=None)
    # When an admin lists the people
    response = call("get", PEOPLE, admin_token)
    # Then each person has exactly the listed fields, with role values
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    rows = {row["display_name"]: row for row in body["items"]}
    assert all(set(row) == PERSON_FIELDS for row in body["items"])
    assert rows["Ash"] == {
        "id": str(young.public_id),
        "display_name": "Ash",
        "kind": "young_person",
        "roles": ["young_person"],
        "can_sign_in": True,
        "taking_part": True,
    }
    assert rows["Bo"]["id"] == str(parent.public_id)
    assert rows["Bo"]["can_sign_in"] is False
    assert rows[admin.display_name]["roles"] == ["org_admin"]
    # And nothing about birth or email is in the answer
    text = response.content.decode()
    assert "birth" not in text
    assert "@" not in text
    # (the birth year as a value: a random public id may hold the digits 2010)
    assert all(2010 not in row.values() and "2010" not in row.values() for row in body["items"])


def test_a_childs_own_consent_does_not_count_as_taking_part(call, admin_token, person_with_role):
    # Given a child under 13 whose only consent is their own
    child = person_with_role(Role.YOUNG_PERSON, birth_year=2020, consent=False)
    Consent.objects.create(
        person=child,
        organisation=child.memberships.get().organisation,
        purpose=Consent.Purpose.TAKE_PART,
        given_by=Consent.GivenBy.SELF,
    )
    # When staff list the people
    rows = call("get", PEOPLE, admin_token).json()["items"]
    # Then the child is not shown as taking part: a parent must agree
    row = next(r for r in rows if r["id"] == str(child.public_id))
    assert row["taking_part"] is False


def test_people_can_be_filtered_by_role_and_name(call, admin_token, person_with_role):
    # Given two young people and a worker
    person_with_role(Role.YOUNG_PERSON, display_name="Robin")
    person_with_role(Role.YOUNG_PERSON, display_name="Jo")
    person_with_role(Role.WORKER, display_name="Robina")
    # When staff filter by role, by name, and by both
    by_role = call("get", f"{PEOPLE}?role=young_person", admin_token).json()
    by_name = call("get", f"{PEOPLE}?q=robin", admin_token).json()
    by_both = call("get", f"{PEOPLE}?role=worker&q=rob", admin_token).json()
    # Then only the matching people are listed
    assert sorted(r["display_name"] for r in by_role["items"]) == ["Jo", "Robin"]
    assert sorted(r["display_name"] for r in by_name["items"]) == ["Robin", "Robina"]
    assert [r["display_name"] for r in by_both["items"]] == ["Robina"]


def test_an_unknown_role_filter_is_a_validation_problem(call, admin_token):
    response = call("get", f"{PEOPLE}?role=wizard", admin_token)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["role"]


def test_listing_people_takes_the_same_number_of_queries_for_5_or_50(
    call, admin_token, person_with_role
):
    # Given 5 young people
    for _ in range(5):
        person_with_role(Role.YOUNG_PERSON)
    with CaptureQueriesContext(connection) as few:
        assert call("get", PEOPLE, admin_token).status_code == 200
    # When there are 50
    for _ in range(45):
        person_with_role(Role.YOUNG_PERSON)
    with CaptureQueriesContext(connection) as many:
        body = call("get", PEOPLE, admin_token).json()
    # Then listing them takes no more queries
    assert len(body["items"]) == 50
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


# One person ---------------------------------------------------------------------------------


def test_looking_at_a_person_is_recorded(call, admin, organisation, admin_token, young_person):
    # Given a young person
    before = AuditEvent.objects.count()
    # When an admin looks them up through the API
    response = call("get", f"{PEOPLE}/{young_person.public_id}", admin_token)
    # Then they see the same fields as in the list
    assert response.status_code == 200
    assert response.json() == {
        "id": str(young_person.public_id),
        "display_name": young_person.display_name,
        "kind": "young_person",
        "roles": ["young_person"],
        "can_sign_in": True,
        "taking_part": True,
    }
    # And the audit trail records who looked, at whom
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.action == "accounts.person.view"
    assert event.actor_id == admin.pk
    assert event.organisation_id == organisation.pk
    assert event.object_id == str(young_person.pk)


def test_a_person_of_another_organisation_is_not_found(
    call, admin_token, person_with_role, other_organisation
):
    # Given a young person only in another organisation
    elsewhere = person_with_role(Role.YOUNG_PERSON, other_organisation)
    before = AuditEvent.objects.count()
    # When an admin here asks for them by id
    response = call("get", f"{PEOPLE}/{elsewhere.public_id}", admin_token)
    # Then they are not found here, and nothing is recorded
    assert response.status_code == 404
    assert response.json()["detail"] == "That person is not part of this organisation."
    assert AuditEvent.objects.count() == before


def test_an_id_that_is_not_a_uuid_is_a_validation_problem(call, admin_token):
    response = call("get", f"{PEOPLE}/12", admin_token)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["person_id"]


def test_another_organisations_token_cannot_tell_who_exists(call, other_admin_token, young_person):
    # Given a token of another organisation
    before = rows_snapshot()
    # When it asks for a person who exists here and for an id that exists nowhere
    real = call("get", f"{PEOPLE}/{young_person.public_id}", other_admin_token)
    made_up = call("get", f"{PEOPLE}/{uuid.uuid4()}", other_admin_token)
    # Then both answers are the same refusal, and nothing is recorded
    assert real.status_code == made_up.status_code == 403
    assert real.json() == made_up.json()
    assert real.json()["detail"].startswith("This API token belongs to another organisation")
    assert rows_snapshot() == before


# Adding someone offline ---------------------------------------------------------------------


def test_staff_add_a_young_person_who_takes_part_offline(call, admin, organisation, admin_token):
    # When an admin adds a young person with their month and year of birth
    response = call(
        "post",
        PEOPLE,
        admin_token,
        json={
            "display_name": "  Sam ",
            "kind": "young_person",
            "birth_month": 3,
            "birth_year": 2012,
            "contact_email": "carer@example.org",
        },
    )
    # Then the person is made, with a young person role and no sign-in
    assert response.status_code == 201
    body = response.json()
    assert body == {
        "id": body["id"],
        "display_name": "Sam",
        "kind": "young_person",
        "roles": ["young_person"],
        "can_sign_in": False,
        "taking_part": False,
    }
    assert response["Location"] == f"{PEOPLE}/{body['id']}"
    person = Person.objects.get(public_id=body["id"])
    assert (person.birth_month, person.birth_year) == (3, 2012)
    assert person.contact_email == "carer@example.org"
    assert person.created_by == admin
    # And the audit trail records it
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.action == "accounts.person.create"
    assert event.actor_id == admin.pk
    assert event.object_id == str(person.pk)
    # And the answer holds neither birth date nor email
    assert "birth" not in response.content.decode()
    assert "@" not in response.content.decode()
    # And the new person can be fetched at the Location given
    assert call("get", response["Location"], admin_token).status_code == 200


def test_a_parents_age_is_not_kept(call, admin_token):
    # When an admin adds a parent and sends a birth month and year anyway
    response = call(
        "post",
        PEOPLE,
        admin_token,
        json={"display_name": "Kim", "kind": "parent_carer", "birth_month": 1, "birth_year": 1990},
    )
    # Then the parent is added without them, as on the web page
    assert response.status_code == 201
    assert response.json()["roles"] == ["parent_carer"]
    person = Person.objects.get(public_id=response.json()["id"])
    assert (person.birth_month, person.birth_year) == (None, None)


def test_a_worker_can_add_people_too(call, token_left_with):
    token = token_left_with(Role.WORKER)
    response = call("post", PEOPLE, token, json={"display_name": "Lee", "kind": "parent_carer"})
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field", "detail"),
    [
        (
            {"display_name": "Sam", "kind": "young_person"},
            "birth_month",
            "Enter the month and year of birth, so we know if a parent or carer must agree.",
        ),
        (
            {"display_name": "Sam", "kind": "young_person", "birth_year": 2012},
            "birth_month",
            "Enter both the month and the year of birth.",
        ),
        (
            {"display_name": "Sam", "kind": "young_person", "birth_month": 3, "birth_year": 1950},
            "birth_year",
            None,
        ),
        ({"display_name": "   ", "kind": "parent_carer"}, "display_name", "Enter a display name."),
        ({"display_name": "x" * 61, "kind": "parent_carer"}, "display_name", None),
        ({"kind": "parent_carer"}, "display_name", "Enter display name."),
        ({"display_name": "Sam", "kind": "professional"}, "kind", None),
        ({"display_name": "Sam", "kind": "parent_carer", "birth_month": 13}, "birth_month", None),
        (
            {"display_name": "Sam", "kind": "parent_carer", "contact_email": "nope"},
            "contact_email",
            None,
        ),
    ],
)
def test_unacceptable_input_is_a_422_problem_naming_the_field_and_changes_nothing(
    call, admin_token, payload, field, detail
):
    # Given the state before
    before = rows_snapshot()
    # When an admin sends input the service or the schema cannot accept
    response = call("post", PEOPLE, admin_token, json=payload)
    # Then the problem names the field in plain English
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:alongside:problem:validation-failed"
    assert [e["field"] for e in problem["errors"]] == [field]
    assert problem["errors"][0]["detail"].endswith(".")
    if detail:
        assert problem["errors"][0]["detail"] == detail
    # And nothing was made or recorded
    assert rows_snapshot() == before


def test_a_body_that_is_not_json_is_a_400_problem(call, admin_token):
    before = rows_snapshot()
    response = call("post", PEOPLE, admin_token, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "The request body is not valid JSON."
    assert rows_snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", "other_organisation", "councillor"])
def test_a_refused_post_changes_nothing(call, other_admin_token, token_left_with, who):
    # Given a caller who may not add people here
    token = {
        "anonymous": None,
        "other_organisation": other_admin_token,
        "councillor": token_left_with(Role.COUNCILLOR),
    }[who]
    before = rows_snapshot()
    # When it tries to add a young person
    response = call(
        "post",
        PEOPLE,
        token,
        json={"display_name": "Sam", "kind": "young_person", "birth_month": 3, "birth_year": 2012},
    )
    # Then it is refused and no person, role, consent or audit event was added
    assert response.status_code == (401 if who == "anonymous" else 403)
    assert response["Content-Type"] == "application/problem+json"
    assert rows_snapshot() == before


def test_an_unknown_organisation_is_404_for_a_token_and_401_without_one(call, admin_token):
    # When a caller asks for the people of an organisation that does not exist
    with_token = call("get", "/api/v1/organisations/nowhere/people", admin_token)
    without = call("get", "/api/v1/organisations/nowhere/people")
    # Then a token gets not found (organisations are public), no token gets asked for one
    assert with_token.status_code == 404
    assert with_token.json()["detail"] == "There is no organisation at this address."
    assert without.status_code == 401


def test_roles_are_values_whatever_the_language(call, admin_token, young_person):
    # When a client asks for Welsh
    response = call("get", PEOPLE, admin_token, headers={"Accept-Language": "cy"})
    # Then roles are still the values, not translated labels
    roles = sorted(role for row in response.json()["items"] for role in row["roles"])
    assert roles == ["org_admin", "young_person"]
