"""The demo prints a sign-in for every role that works and shows something real, and a join
code that can be used."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alongside.accounts import demo, selectors, services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import Person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> list[demo.SignIn]:
    result = demo.seed(young_people=10)
    assert result.created
    return result.sign_ins


def person(row: demo.SignIn) -> Person:
    field = "user__email" if "@" in row.username else "user__username"
    return Person.objects.select_related("user").get(**{field: row.username})


def test_every_printed_sign_in_works_and_says_what_to_try(seeded):
    # Then there is a sign-in for every role
    held = set()
    for row in seeded:
        someone = person(row)
        assert someone.user.check_password(row.secret), row.username
        held |= {m.role for m in someone.memberships.all()}
        assert row.note, f"{row.username} has nothing to try"
        # And each one's home page opens
        client = Client()
        client.force_login(someone.user)
        assert client.get(reverse("home:index"), follow=True).status_code == 200, row.username
    assert held == set(Role)


def test_the_demo_shows_an_admin_with_young_people_a_parents_consent_and_a_child_waiting(
    seeded,
):
    (row,) = [r for r in seeded if r.role == "Organisation admin"]
    admin = person(row)
    (organisation,) = actor_for_person(admin).organisations
    assert Role.ORG_ADMIN in actor_for_person(admin).held_roles_in(organisation.pk)
    assert selectors.organisation_summary(organisation=organisation).young_people > 0
    # And a parent with a consent to withdraw, and a child waiting for one
    by_role = {row.role: person(row) for row in seeded}
    parent = by_role["Parent or carer"]
    given = selectors.consents_given_for_others(person=parent).filter(withdrawn_at=None).first()
    assert given.person == by_role["Young person, 10"]
    robin = actor_for_person(by_role["Young person, 11"])
    assert [o.slug for o in robin.awaiting_consent_in()] == ["riverside-youth-service"]
    casey = actor_for_person(by_role["Young person, 10"])
    assert casey.roles_in(given.organisation_id) & PARTICIPANT_ROLES


def test_the_printed_join_code_works(seeded):
    lines = demo.sign_in_text(seeded, base_url="http://127.0.0.1:8000/")
    code = demo.join_code_to_try()
    # Then the output is short, names every sign-in, and the code in it
    # (a sign-in for every role, the reward partner the latest: two lines each)
    assert len(lines) <= 32
    text = "\n".join(lines)
    assert all(row.username in text for row in seeded)
    assert code.code in text
    assert f"{code.max_uses - code.uses} uses left" in text
    # And a new young person can join with it
    joined = services.join_code_redeem(
        code=code.code,
        username="new.one",
        passphrase_hash="!",
        display_name="New One",
        birth_month=1,
        birth_year=2010,
        consent_purposes=["take_part"],
    )
    assert joined.memberships.get().organisation == code.organisation
    # And once the code is used up, the next run prints a fresh one that works
    code.uses = code.max_uses
    code.save(update_fields=["uses"])

    fresh = demo.join_code_to_try()

    assert fresh.pk != code.pk
    assert fresh.status == "active"
