"""The admin's report: issued and redeemed per month, per initiative or board and per age band,
with groups of fewer than 10 people not shown on their own, on the page and in the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from alongside.accounts.roles import Role
from alongside.credits.selectors.reports import AgeBand, age_band, credits_report
from alongside.credits.services.redeem import reward_redeem, voucher_cancel
from tests.credits.factories_mine import credit
from tests.credits.factories_rewards import give_credits, reward
from tests.factories import actor

TODAY = dt.date.today()


def test_age_bands_at_their_edges():
    assert [age_band(a) for a in (None, 12, 13, 15, 16, 17, 18, 25, 26)] == [
        AgeBand.NOT_KNOWN,
        AgeBand.UNDER_13,
        AgeBand.FROM_13_TO_15,
        AgeBand.FROM_13_TO_15,
        AgeBand.FROM_16_TO_17,
        AgeBand.FROM_16_TO_17,
        AgeBand.FROM_18_TO_25,
        AgeBand.FROM_18_TO_25,
        AgeBand.OVER_25,
    ]


KNOWN = [b for b in AgeBand if b is not AgeBand.NOT_KNOWN]


@given(st.integers(0, 120), st.integers(0, 120))
def test_an_older_person_is_never_in_a_younger_band(a, b):
    younger, older = sorted((a, b))
    assert KNOWN.index(age_band(younger)) <= KNOWN.index(age_band(older))


@pytest.fixture
def world(organisation, person_with_role):
    """12 fifteen-year-olds at the youth forum, 3 twenty-year-olds on the board, an adjustment,
    a reward taken and one taken then cancelled."""
    forum = [person_with_role(Role.YOUNG_PERSON, age=15) for _ in range(12)]
    board = [person_with_role(Role.COMMUNITY_MEMBER, age=20) for _ in range(3)]
    for person in forum:
        credit(person, organisation, 60, on=TODAY)
    for person in board:
        credit(person, organisation, 60, group_key="board:1", group_label="Youth board", on=TODAY)
    give_credits(forum[0], organisation, 30)
    prize = reward(organisation, cost_minutes=30)
    for cancel in (False, True):
        taken = reward_redeem(
            actor=actor(forum[1]),
            organisation=organisation,
            reward_id=prize.pk,
            idempotency_key=uuid.uuid4(),
        )
        if cancel:
            voucher_cancel(
                actor=actor(forum[1]),
                organisation=organisation,
                redemption_id=taken.pk,
                idempotency_key=uuid.uuid4(),
            )
    return organisation


@pytest.mark.django_db
def test_the_report_counts_issued_and_redeemed_and_hides_small_groups(world):
    report = credits_report(organisation=world)

    assert report.months[-1].month == TODAY.replace(day=1)
    assert (report.months[-1].issued, report.months[-1].redeemed) == (15 * 60 + 30, 30)
    assert (report.issued, report.redeemed) == (930, 30)
    assert [(g.label, g.people, g.issued) for g in report.groups] == [
        ("Youth forum", 12, 720),
        ("Youth board", 3, None),
        ("", None, 30),
    ]
    bands = {b.band: (b.people, b.issued, b.redeemed) for b in report.bands}
    # A band's issued credits include those given by hand (the 30 minutes to a forum member).
    assert bands == {AgeBand.FROM_13_TO_15: (12, 750, 30), AgeBand.FROM_18_TO_25: (3, None, None)}


@pytest.mark.django_db
def test_the_page_and_the_csv_say_the_same(world, client_for, admin):
    client = client_for(admin)

    page = client.get(reverse("credits:reports", args=[world.slug])).content.decode()
    download = client.get(reverse("credits:reports-csv", args=[world.slug]))

    assert "Youth forum" in page
    assert "Fewer than 10 people: not shown" in page
    assert "Adjustments by hand" in page
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["Section", "What", "People", "Hours issued", "Hours redeemed"]
    assert ["Initiative or board", "Youth forum", "12", "12.00", ""] in rows
    assert ["Initiative or board", "Youth board", "3", "", ""] in rows
    assert ["Age band", "13 to 15", "12", "12.50", "0.50"] in rows
    assert sum(1 for row in rows if row[0] == "Month") == 12


@pytest.mark.django_db
def test_an_organisation_with_no_credits_reads_so(organisation, client_for, admin):
    page = client_for(admin).get(reverse("credits:reports", args=[organisation.slug]))

    assert "No credits were issued or redeemed in the last 12 months" in page.content.decode()


@pytest.mark.django_db
def test_the_report_costs_the_same_queries_however_many_credits(
    world, client_for, admin, person_with_role
):
    client = client_for(admin)
    url = reverse("credits:reports", args=[world.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        person = person_with_role(Role.YOUNG_PERSON, age=12 + n % 8)
        credit(person, world, 30, group_key=f"initiative:{n}", group_label=f"Group {n}", on=TODAY)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)
