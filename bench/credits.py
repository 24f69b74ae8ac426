"""Server time and queries of a young person's balance and history and the staff burnout
signals, with 100,000 people and 10,000,000 ledger lines, on PostgreSQL.

Makes (and at the end drops) the database ``alongside_bench_credits`` and fills it with SQL
``generate_series`` inserts: every person earns 50 times in a year (a session or a board
meeting each time), so the organisation's source account holds 5,000,000 lines and each
person 50; an Earning for each credit, and the weekly and per-group counts the services keep.
The target is a p95 under 150 ms, with the same queries on every page, and no page adding up
everyone's lines.

    .venv/bin/python bench/credits.py            # the full size (about ten minutes to build)
    .venv/bin/python bench/credits.py --small    # 1,000 people, to try it quickly
    .venv/bin/python bench/credits.py --keep     # leave the database for EXPLAIN afterwards
    .venv/bin/python bench/credits.py --reuse    # measure a database a --keep run left

The seals of transactions written here by SQL are not real HMACs, so `alongside credits
verify` is not run on this database; tests/core/test_ledger_books.py checks it.
"""

# The SQL below names tables from the models' own metadata and takes every value as a
# parameter: there is no outside input to inject.
# ruff: noqa: S608

from __future__ import annotations

import sys
import time
from typing import Any

from pg_pages import bench_database, one, sql, time_pages, write_results

DATABASE = "alongside_bench_credits"
EARNINGS_EACH = 50
WEEKS = 52


def main() -> None:
    small = "--small" in sys.argv
    keep = "--keep" in sys.argv or "--reuse" in sys.argv
    reuse = "--reuse" in sys.argv
    with bench_database(DATABASE, keep=keep, reuse=reuse):
        people = 1_000 if small else 100_000
        started = time.perf_counter()
        world = existing() if reuse else populate(people)
        if not reuse:
            print(f"Built {people:,} people in {time.perf_counter() - started:.0f} s", flush=True)
        sql("VACUUM ANALYZE")
        rows = measure(world)
        if not small:
            write_results(
                "credits",
                "Time credits benchmark: balance, history and burnout signals",
                rows,
                world["counts"],
                NOTES,
            )


def populate(people: int) -> dict[str, Any]:
    from alongside.accounts.models import Consent, Membership, Organisation, Person, User
    from alongside.core.models import LedgerAccount, LedgerLine, LedgerTransaction
    from alongside.credits.models import Earning, GroupHours, MonthlyCredits, WeeklyHours

    organisation = Organisation.objects.create(
        slug="bench", name="Bench Youth Service", kind="youth_organisation"
    )
    org = organisation.pk
    t = {
        m.__name__: m._meta.db_table
        for m in (
            Person,
            Membership,
            LedgerAccount,
            LedgerTransaction,
            LedgerLine,
            Earning,
            WeeklyHours,
            GroupHours,
            MonthlyCredits,
        )
    }
    sql(
        f"""INSERT INTO {t["Person"]} (created_at, updated_at, public_id, kind, display_name,
            birth_year, birth_month, contact_email, youth_offer_extended)
        SELECT now(), now(), gen_random_uuid(), 'young_person', 'Young ' || g,
            2008 + g %% 12, 1 + g %% 12, '', false
        FROM generate_series(1, %s) g""",
        [people],
    )
    first = one(f"SELECT min(id) FROM {t['Person']}")
    sql(
        f"""INSERT INTO {t["Membership"]} (created_at, updated_at, person_id, organisation_id,
            role) SELECT now(), now(), id, %s, 'young_person' FROM {t["Person"]}""",
        [org],
    )
    n = people * EARNINGS_EACH
    # The source every credit is issued from, then one account per person.
    sql(
        f"""INSERT INTO {t["LedgerAccount"]} (organisation_id, owner_kind, owner_id, purpose, unit,
            may_go_negative, balance, created_at)
        VALUES (%s, 'organisation', %s, 'issued', 'minutes', true, 0, now())""",
        [org, org],
    )
    source = one(f"SELECT id FROM {t['LedgerAccount']} WHERE purpose = 'issued'")
    sql(
        f"""INSERT INTO {t["LedgerAccount"]} (organisation_id, owner_kind, owner_id, purpose, unit,
            may_go_negative, balance, created_at)
        SELECT %s, 'person', id, 'credits', 'minutes', false, 0, now() FROM {t["Person"]}
        ORDER BY id""",
        [org],
    )
    first_account = one(f"SELECT min(id) FROM {t['LedgerAccount']} WHERE owner_kind = 'person'")
    # Earning g (1..n) goes to person (g - 1) %% people, in order through the year, for 60 to
    # 180 minutes: transaction g, its two lines, and its Earning.
    sql(
        f"""INSERT INTO {t["LedgerTransaction"]} (id, organisation_id, kind, reason, actor_id,
            occurred_at, reverses_id, idempotency_key, seal)
        SELECT g, %s, 'earn', '', NULL, now() - interval '365 days' * (1 - g::float / %s), NULL,
            gen_random_uuid(), 'bench' FROM generate_series(1, %s) g""",
        [org, n, n],
    )
    sql(f"SELECT setval(pg_get_serial_sequence('{t['LedgerTransaction']}', 'id'), %s)", [n])
    minutes = "(60 + 30 * (g %% 5))"
    sql(
        f"""INSERT INTO {t["LedgerLine"]} (transaction_id, account_id, amount, balance_after)
        SELECT g, %s, -{minutes}, -sum({minutes}) OVER (ORDER BY g)
        FROM generate_series(1, %s) g""",
        [source, n],
    )
    sql(
        f"""INSERT INTO {t["LedgerLine"]} (transaction_id, account_id, amount, balance_after)
        SELECT g, %s + (g - 1) %% %s, {minutes},
            sum({minutes}) OVER (PARTITION BY (g - 1) %% %s ORDER BY g)
        FROM generate_series(1, %s) g""",
        [first_account, people, people, n],
    )
    sql(
        f"""UPDATE {t["LedgerAccount"]} a SET balance = s.total FROM (
            SELECT account_id, sum(amount) AS total FROM {t["LedgerLine"]} GROUP BY account_id
        ) s WHERE s.account_id = a.id"""
    )
    sql(
        f"""INSERT INTO {t["Earning"]} (created_at, updated_at, organisation_id, person_id, source,
            activity_key, occasion_key, kind, label, group_key, group_label, occurred_on,
            week_start, basis,
            minutes_given, minutes_credited, rule_applied, status, decided_by_id, transaction_id,
            decision_note)
        SELECT x.occurred_at, x.occurred_at, %s, %s + (g - 1) %% %s,
            CASE WHEN g %% 4 = 0 THEN 'board_meeting' ELSE 'session' END, 'bench:' || g, 'bench',
            CASE WHEN g %% 4 = 0 THEN 'board_meeting' ELSE 'session' END,
            'Session at a youth club', 'initiative:' || g %% 20, 'Initiative ' || g %% 20,
            x.occurred_at::date, date_trunc('week', x.occurred_at)::date, 'chosen',
            {minutes}, {minutes}, '', 'credited', NULL, g, ''
        FROM generate_series(1, %s) g
        JOIN {t["LedgerTransaction"]} x ON x.id = g""",
        [org, first, people, n],
    )
    sql(
        f"""INSERT INTO {t["WeeklyHours"]} (organisation_id, person_id, week_start,
            minutes_given, minutes_credited)
        SELECT %s, person_id, week_start, sum(minutes_given), sum(minutes_credited)
        FROM {t["Earning"]} GROUP BY person_id, week_start""",
        [org],
    )
    sql(
        f"""INSERT INTO {t["GroupHours"]} (organisation_id, person_id, group_key, group_label,
            minutes_given, last_credited_on)
        SELECT %s, person_id, group_key, min(group_label), sum(minutes_given), max(occurred_on)
        FROM {t["Earning"]} GROUP BY person_id, group_key
        UNION ALL
        SELECT %s, person_id, 'all', '', sum(minutes_given), max(occurred_on)
        FROM {t["Earning"]} GROUP BY person_id""",
        [org, org],
    )
    # The report's running totals, as the services would have kept them (one posting a row).
    sql(
        f"""INSERT INTO {t["MonthlyCredits"]} (organisation_id, month, group_key, group_label,
            birth_year, birth_month, issued, redeemed)
        SELECT %s, date_trunc('month', e.occurred_on)::date, e.group_key, min(e.group_label),
            coalesce(p.birth_year, 0), coalesce(p.birth_month, 0), sum(e.minutes_credited), 0
        FROM {t["Earning"]} e JOIN {t["Person"]} p ON p.id = e.person_id
        GROUP BY 2, 3, 5, 6""",
        [org],
    )
    # The young person we sign in as (born 2016, so consent came from a parent), and a worker.
    young = Person.objects.get(pk=first + 7)
    Consent.objects.create(
        person=young,
        organisation=organisation,
        purpose=Consent.Purpose.TAKE_PART,
        given_by=Consent.GivenBy.PARENT_FORM,
    )
    worker = Person.objects.create(kind=Person.Kind.PROFESSIONAL, display_name="Bench worker")
    Membership.objects.create(person=worker, organisation=organisation, role="worker")
    for username, person in (("bench-young", young), ("bench-worker", worker)):
        user = User(username=username)
        user.set_unusable_password()
        user.save()
        person.user = user
        person.save(update_fields=["user"])
    return existing()


def existing() -> dict[str, Any]:
    from alongside.accounts.models import Organisation, Person, User
    from alongside.core.models import LedgerLine, LedgerTransaction
    from alongside.credits.models import Earning, WeeklyHours

    return {
        "organisation": Organisation.objects.get(slug="bench"),
        "young": User.objects.get(username="bench-young"),
        "worker": User.objects.get(username="bench-worker"),
        "counts": {
            "people": Person.objects.count(),
            "ledger_lines": LedgerLine.objects.count(),
            "transactions": LedgerTransaction.objects.count(),
            "earnings": Earning.objects.count(),
            "weekly_counts": WeeklyHours.objects.count(),
        },
    }


def measure(world: dict[str, Any]) -> list[dict[str, Any]]:
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    slug = world["organisation"].slug
    young = Client()
    young.force_login(world["young"])
    worker = Client()
    worker.force_login(world["worker"])
    history = reverse("credits:history", args=[slug])
    pages = [
        ("your time credits (balance)", young, reverse("credits:mine", args=[slug])),
        ("history, page 1", young, history),
        ("history, last page", young, f"{history}?page=3"),
        ("balance (API)", young, f"/api/v1/organisations/{slug}/credits/mine"),
    ]
    try:
        pages.append(("burnout signals", worker, reverse("credits:signals", args=[slug])))
    except NoReverseMatch:
        print("The burnout signals page is not built yet: not measured.", flush=True)
    # The admin's report reads the running totals the services keep (MonthlyCredits) and the
    # people credited lately (GroupHours): not one of the pages the target names, shown to know it.
    from allauth.mfa.models import Authenticator

    from alongside.accounts.models import Membership

    Membership.objects.get_or_create(
        person=world["worker"].person, organisation=world["organisation"], role="org_admin"
    )
    # Staff pages ask for two-factor set up first; sign-in itself is not what is measured.
    Authenticator.objects.get_or_create(
        user=world["worker"], type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    pages.append(("credits reports (admin)", worker, reverse("credits:reports", args=[slug])))
    return time_pages(pages)


NOTES = [
    "## Reading these numbers",
    "",
    "- The balance is the account's cached balance, written with each line under a row lock "
    "and proven equal to the sum of the lines by `alongside credits verify` (ADR 28): one row, "
    "however many lines.",
    "- A history page reads 20 of the person's lines through the index (account, -id), with "
    "each line's balance after it, and the Earnings of that page by transaction id.",
    "- The burnout signals read the weekly counts (`WeeklyHours`) of the last weeks through "
    "their index, never the earnings or the lines.",
    "- The report reads the monthly totals the services keep as they post (`MonthlyCredits`, "
    "a row a month, group and month of birth) and counts the people credited lately from "
    "`GroupHours`: never the lines or the earnings.",
    "- Workers need two-factor sign-in on pages; the benchmark signs in past it "
    "(`force_login`), as the page tests do, since sign-in is not what is measured.",
    "- The machine is shared: compare the load average with its CPUs.",
]


if __name__ == "__main__":
    main()
