"""The admin's catalogue: a reward added once however often its page is sent, refused in words
with nothing saved, withdrawn (its vouchers still usable) and offered again; partners whose
checkers must hold the reward-partner role; milestones once per number of hours."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.roles import Role
from alongside.core.models import AuditEvent
from alongside.credits.models import Milestone, Partner, Redemption, Reward
from alongside.credits.selectors.rewards import rewards_open
from alongside.credits.services.redeem import reward_redeem, voucher_use
from tests.credits.factories_rewards import give_credits, partner_with_member, reward
from tests.factories import actor
from tests.snapshots import rows_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client_for, admin):
    return client_for(admin)


def _url(organisation, name, *args):
    return reverse(f"credits:catalogue-{name}", args=[organisation.slug, *args])


def _reward_form(**more):
    return {
        "name": "Swimming",
        "description": "A swim at the leisure centre.",
        "hours": "3",
        "minutes": "30",
        "partner": "",
        "min_age": "11",
        "max_age": "",
        "stock": "",
        "idempotency_key": str(uuid.uuid4()),
        **more,
    }


def test_a_reward_sent_twice_with_its_key_is_added_once(signed_in, organisation):
    form = _reward_form()

    first = signed_in.post(_url(organisation, "reward-add"), form)
    again = signed_in.post(_url(organisation, "reward-add"), form)

    assert first.status_code == again.status_code == 302
    added = Reward.objects.get()
    assert (added.name, added.cost_minutes, added.min_age, added.partner) == (
        "Swimming",
        210,
        11,
        None,
    )
    assert list(rewards_open(organisation=organisation)) == [added]
    assert AuditEvent.objects.filter(action="credits.reward.change").count() == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"hours": "", "minutes": ""}, "Enter what it costs in hours"),
        ({"hours": "1001"}, "Hours must be 1000 or less"),
        ({"min_age": "16", "max_age": "12"}, "The oldest age must be the same as or more"),
        ({"max_age": "40"}, "An age must be 25 or less"),
        ({"stock": "-1"}, "How many there are must be 0 or more"),
        ({"name": ""}, "Enter the reward&#39;s name"),
        ({"name": "x" * 121}, "The name must be 120 characters or fewer"),
        ({"partner": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_in_words_and_nothing_is_saved(
    signed_in, organisation, change, words
):
    before = rows_snapshot()

    response = signed_in.post(_url(organisation, "reward-add"), _reward_form(**change))

    assert response.status_code == 200
    assert words in response.content.decode()
    assert rows_snapshot() == before


def test_a_name_already_in_the_catalogue_is_refused_in_words(signed_in, organisation):
    reward(organisation, name="Swimming")

    response = signed_in.post(_url(organisation, "reward-add"), _reward_form())

    assert "There is already a reward called Swimming" in response.content.decode()
    assert Reward.objects.count() == 1


def test_another_organisations_partner_cannot_be_chosen(
    signed_in, organisation, other_organisation
):
    theirs = Partner.objects.create(organisation=other_organisation, name="Theirs")

    response = signed_in.post(_url(organisation, "reward-add"), _reward_form(partner=theirs.pk))

    assert response.status_code == 200
    assert not Reward.objects.exists()


def test_a_withdrawn_reward_is_not_offered_but_its_vouchers_still_work(
    signed_in, organisation, person_with_role
):
    checker = person_with_role(Role.REWARD_PARTNER)
    young = person_with_role(Role.YOUNG_PERSON, age=15)
    ticket = reward(organisation, partner=partner_with_member(organisation, checker))
    give_credits(young, organisation, 300)
    voucher = reward_redeem(
        actor=actor(young),
        organisation=organisation,
        reward_id=ticket.pk,
        idempotency_key=uuid.uuid4(),
    )

    withdrawn = signed_in.post(
        _url(organisation, "reward-edit", ticket.pk),
        _reward_form(
            name=ticket.name,
            hours="2",
            minutes="",
            min_age="",
            partner=ticket.partner_id,
            withdrawn="on",
        ),
    )

    assert withdrawn.status_code == 302
    assert list(rewards_open(organisation=organisation)) == []
    used = voucher_use(actor=actor(checker), organisation=organisation, code=voucher.voucher_code)
    assert used.status == Redemption.Status.USED

    signed_in.post(
        _url(organisation, "reward-edit", ticket.pk),
        _reward_form(
            name=ticket.name, hours="2", minutes="", min_age="", partner=ticket.partner_id
        ),
    )
    assert list(rewards_open(organisation=organisation)) == [Reward.objects.get()]
    summaries = list(
        AuditEvent.objects.filter(action="credits.reward.change").values_list("summary", flat=True)
    )
    assert any("withdrawn" in s for s in summaries)
    assert any("offered again" in s for s in summaries)


def test_only_reward_partners_here_can_be_made_to_check_vouchers(
    signed_in, organisation, person_with_role
):
    checker = person_with_role(Role.REWARD_PARTNER)
    young = person_with_role(Role.YOUNG_PERSON)
    form = {"name": "Riverside Bowl", "description": "", "idempotency_key": str(uuid.uuid4())}

    refused = signed_in.post(_url(organisation, "partner-add"), {**form, "members": [young.pk]})
    assert refused.status_code == 200
    assert not Partner.objects.exists()

    added = signed_in.post(_url(organisation, "partner-add"), {**form, "members": [checker.pk]})
    assert added.status_code == 302
    assert list(Partner.objects.get().members.all()) == [checker]


def test_a_partners_checkers_can_be_changed(signed_in, organisation, person_with_role):
    checker = person_with_role(Role.REWARD_PARTNER)
    partner = partner_with_member(organisation, checker, name="Odeon")

    signed_in.post(
        _url(organisation, "partner-edit", partner.pk),
        {"name": "Riverside Odeon", "description": "On the high street", "members": []},
    )

    partner.refresh_from_db()
    assert partner.name == "Riverside Odeon"
    assert not partner.members.exists()


def test_one_milestone_for_each_number_of_hours_and_one_can_be_removed(signed_in, organisation):
    form = {"name": "A certificate", "hours": "10", "minutes": "", "idempotency_key": ""}

    signed_in.post(_url(organisation, "milestone-add"), {**form, "idempotency_key": uuid.uuid4()})
    twice = signed_in.post(
        _url(organisation, "milestone-add"), {**form, "idempotency_key": uuid.uuid4()}
    )

    assert "There is already a milestone at 10 hours" in twice.content.decode()
    milestone = Milestone.objects.get()
    signed_in.post(
        _url(organisation, "milestone-edit", milestone.pk),
        {"name": "A certificate", "hours": "10", "minutes": "", "remove": "on"},
    )
    assert not Milestone.objects.exists()


def test_another_organisations_reward_is_not_found(signed_in, organisation, other_organisation):
    theirs = reward(other_organisation)

    response = signed_in.get(_url(organisation, "reward-edit", theirs.pk))

    assert response.status_code == 404


def test_the_catalogue_costs_the_same_queries_however_long(
    signed_in, organisation, person_with_role
):
    checker = person_with_role(Role.REWARD_PARTNER)
    url = reverse("credits:catalogue", args=[organisation.slug])

    def grow(n):
        for i in range(n):
            partner = partner_with_member(organisation, checker, name=f"Partner {uuid.uuid4()}")
            reward(organisation, name=f"Reward {uuid.uuid4()}", partner=partner)
            Milestone.objects.create(
                organisation=organisation, name=f"M {i}", minutes=Milestone.objects.count() + 1
            )

    grow(2)
    signed_in.get(url)
    with CaptureQueriesContext(connection) as few:
        signed_in.get(url)
    grow(20)
    with CaptureQueriesContext(connection) as many:
        page = signed_in.get(url)

    assert len(many) == len(few)
    assert page.status_code == 200
