"""Server time and queries of the "You said, we did" board and "What happened to what I said"
with 1,000,000 contributions and 100,000 people, on PostgreSQL.

Needs a PostgreSQL server: ``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``).
Makes (and at the end drops) the database ``alongside_bench_voice``, fills it with SQL
``generate_series`` inserts (a few minutes), renders each page many times through Django's
test client, and writes bench/results/voice.json and voice.md. The target is a p95 under
150 ms with the same number of queries on every page.

    .venv/bin/python bench/voice.py            # the full size
    .venv/bin/python bench/voice.py --small    # 10,000 contributions, to try it quickly
    .venv/bin/python bench/voice.py --keep     # leave the database for EXPLAIN afterwards
    .venv/bin/python bench/voice.py --reuse    # measure a database a --keep run left
"""

# The SQL below names tables from the models' own metadata and takes every value as a
# parameter: there is no outside input to inject.
# ruff: noqa: S608

from __future__ import annotations

import sys
import time
from typing import Any

from pg_pages import bench_database, time_pages, write_results
from pg_pages import one as _one
from pg_pages import sql as _sql

DATABASE = "alongside_bench_voice"


def main() -> None:
    small = "--small" in sys.argv
    keep = "--keep" in sys.argv or "--reuse" in sys.argv
    reuse = "--reuse" in sys.argv
    with bench_database(DATABASE, keep=keep, reuse=reuse):
        sizes = (
            {"people": 1_000, "contributions": 10_000}
            if small
            else {"people": 100_000, "contributions": 1_000_000}
        )
        started = time.perf_counter()
        world = existing() if reuse else populate(**sizes)
        built = round(time.perf_counter() - started, 1)
        if not reuse:
            print(f"Built {sizes} in {built} s", flush=True)
        # A database an older run kept may still have the index this benchmark once proposed.
        _sql("DROP INDEX IF EXISTS bench_proposed_voice_published")
        _sql("VACUUM ANALYZE")
        rows = measure(world)
        if not small:  # a quick try does not replace the results
            people = world["counts"].pop("people")
            contributions = world["counts"].pop("contributions")
            write_results(
                "voice",
                "Voice benchmark: the board and what happened to what I said",
                rows,
                {"people": people, "contributions": contributions, **world["counts"]},
                NOTES,
            )


def populate(*, people: int, contributions: int) -> dict[str, Any]:
    """One organisation holding everything (the worst case for its board): ``people`` young
    people, 50 initiatives, ``contributions`` of every status, a theme for every 2,000 with
    three in ten contributions in one, an answer to one in ten and to every theme, and a
    decision for every 500 contributions citing five contributions and a theme."""
    from alongside.accounts.models import Membership, Organisation, Person, User
    from alongside.decisions.models import Citation, Decision
    from alongside.initiatives.models import Initiative
    from alongside.voice import services
    from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme

    organisation = Organisation.objects.create(
        slug="bench", name="Bench Youth Service", kind="youth_organisation"
    )
    table = {
        m.__name__: m._meta.db_table
        for m in (
            Person,
            Membership,
            Initiative,
            Contribution,
            Theme,
            ContributionTheme,
            Answer,
            Decision,
            Citation,
        )
    }
    org = organisation.pk
    _sql(
        f"""INSERT INTO {table["Person"]} (created_at, updated_at, public_id, kind, display_name,
            birth_year, birth_month, contact_email, youth_offer_extended)
        SELECT now(), now(), gen_random_uuid(), 'young_person', 'Young ' || g,
            2008 + g %% 12, 1 + g %% 12, '', false
        FROM generate_series(1, %s) g""",
        [people],
    )
    first_person = _one(f"SELECT min(id) FROM {table['Person']}")
    _sql(
        f"""INSERT INTO {table["Membership"]} (created_at, updated_at, person_id, organisation_id,
            role)
        SELECT now(), now(), id, %s, 'young_person' FROM {table["Person"]}""",
        [org],
    )
    initiatives = [
        Initiative.objects.create(
            organisation=organisation, title=f"Initiative {n}", purpose="Benchmark", stage="open"
        )
        for n in range(50)
    ]
    first_initiative = initiatives[0].pk
    # Statuses: 85% published, 5% waiting, 4% held, 4% hidden, 2% withdrawn; spread over two
    # years, newest last.
    _sql(
        f"""INSERT INTO {table["Contribution"]} (created_at, updated_at, public_id, organisation_id,
            initiative_id, kind, channel, author_id, text, image, anonymity, status, hold_reason,
            moderation_reason, published_at, idempotency_key)
        SELECT ts, ts, gen_random_uuid(), %(org)s, %(initiative)s + g %% 50,
            (ARRAY['idea','view','question','experience','service_feedback'])[1 + g %% 5],
            (ARRAY['online','session','survey','paper'])[1 + g %% 4],
            %(person)s + g %% %(people)s,
            'Contribution ' || g || ': we would like the youth club to open on Saturdays', '',
            CASE WHEN g %% 2 = 0 THEN 'nobody' ELSE 'staff_only' END,
            s.status,
            CASE WHEN s.status = 'held' THEN 'contact_details' ELSE '' END,
            CASE WHEN s.status = 'hidden' THEN 'It named someone' ELSE '' END,
            CASE WHEN s.status = 'published' THEN ts END,
            gen_random_uuid()
        FROM generate_series(1, %(n)s) g,
            LATERAL (SELECT now() - interval '730 days' * (1 - g::float / %(n)s) AS ts) t,
            LATERAL (SELECT CASE
                WHEN g %% 100 < 85 THEN 'published' WHEN g %% 100 < 90 THEN 'awaiting_moderation'
                WHEN g %% 100 < 94 THEN 'held' WHEN g %% 100 < 98 THEN 'hidden'
                ELSE 'withdrawn' END AS status) s""",
        {
            "org": org,
            "initiative": first_initiative,
            "person": first_person,
            "people": people,
            "n": contributions,
        },
    )
    first_contribution = _one(f"SELECT min(id) FROM {table['Contribution']}")
    themes = max(contributions // 2_000, 5)
    _sql(
        f"""INSERT INTO {table["Theme"]} (created_at, updated_at, public_id, organisation_id,
            initiative_id, name, description, published_count)
        SELECT now(), now(), gen_random_uuid(), %s, %s + g %% 50, 'Theme ' || g, '', 0
        FROM generate_series(1, %s) g""",
        [org, first_initiative, themes],
    )
    first_theme = _one(f"SELECT min(id) FROM {table['Theme']}")
    _sql(
        f"""INSERT INTO {table["ContributionTheme"]} (contribution_id, theme_id, added_at)
        SELECT id, %s + (id / 10) %% %s, now() FROM {table["Contribution"]} WHERE id %% 10 < 3""",
        [first_theme, themes],
    )
    # The rows went in by SQL, past voice's services: count each theme's published ones as
    # `alongside voice verify-counts --repair` does.
    services.theme_published_counts_repair()
    _sql(
        f"""INSERT INTO {table["Answer"]} (created_at, updated_at, public_id, organisation_id,
            contribution_id, status, text, passed_to, idempotency_key)
        SELECT c.created_at + interval '9 days', now(), gen_random_uuid(), %s, c.id,
            (ARRAY['heard','considering','changed'])[1 + c.id %% 3],
            'Thank you. We took this to the youth board.', '', gen_random_uuid()
        FROM {table["Contribution"]} c WHERE c.id %% 10 = 7 AND c.status <> 'withdrawn'""",
        [org],
    )
    _sql(
        f"""INSERT INTO {table["Answer"]} (created_at, updated_at, public_id, organisation_id,
            theme_id, status, text, passed_to, idempotency_key)
        SELECT now() - interval '1 day' * (t.id %% 700), now(), gen_random_uuid(), %s, t.id,
            'changed', 'We changed the opening hours.', '', gen_random_uuid()
        FROM {table["Theme"]} t""",
        [org],
    )
    decisions = max(contributions // 500, 10)
    _sql(
        f"""INSERT INTO {table["Decision"]} (created_at, updated_at, public_id, organisation_id,
            initiative_id, title, what_changed, decided_by, forum, decided_on, subject_type,
            subject_id, idempotency_key)
        SELECT now(), now(), gen_random_uuid(), %s, %s + g %% 50, 'Decision ' || g,
            'The club now opens on Saturdays.', 'The youth board', 'Youth board meeting',
            (now() - interval '1 day' * (g %% 700))::date, '', '', gen_random_uuid()
        FROM generate_series(1, %s) g""",
        [org, first_initiative, decisions],
    )
    first_decision = _one(f"SELECT min(id) FROM {table['Decision']}")
    # Each decision cites five published contributions (number g with g % 100 == 1) spread
    # across the years, and a theme.
    _sql(
        f"""INSERT INTO {table["Citation"]} (decision_id, contribution_id, theme_id)
        SELECT d, %s + (((d - %s) * 5 + k) * 700) %% %s, NULL
        FROM generate_series(%s, %s) d, generate_series(0, 4) k""",
        [
            first_contribution,
            first_decision,
            contributions,
            first_decision,
            first_decision + decisions - 1,
        ],
    )
    _sql(
        f"""INSERT INTO {table["Citation"]} (decision_id, contribution_id, theme_id)
        SELECT d, NULL, %s + d %% %s FROM generate_series(%s, %s) d""",
        [first_theme, themes, first_decision, first_decision + decisions - 1],
    )
    # The young person we sign in as: one of the many, with their ten or so contributions.
    young = Person.objects.get(pk=first_person + 7)
    user = User(username="bench-young")
    user.set_unusable_password()
    user.save()
    young.user = user
    young.save(update_fields=["user"])
    _sql("ANALYZE")
    return existing()


def existing() -> dict[str, Any]:
    """The world ``populate`` made, read back (so a kept database can be measured again)."""
    from alongside.accounts.models import Organisation, Person, User
    from alongside.decisions.models import Citation, Decision
    from alongside.initiatives.models import Initiative
    from alongside.voice.models import Answer, Contribution, ContributionTheme, Theme

    organisation = Organisation.objects.get(slug="bench")
    young = User.objects.get(username="bench-young")
    initiatives = list(Initiative.objects.filter(organisation=organisation).order_by("pk"))
    counts = {
        "people": Person.objects.count(),
        "contributions": Contribution.objects.count(),
        "answers": Answer.objects.count(),
        "themes": Theme.objects.count(),
        "theme_links": ContributionTheme.objects.count(),
        "decisions": Decision.objects.count(),
        "citations": Citation.objects.count(),
        "own_contributions": Contribution.objects.filter(author__user=young).count(),
    }
    return {
        "organisation": organisation,
        "initiative": initiatives[7],
        "young": young,
        "counts": counts,
    }


def measure(world: dict[str, Any]) -> list[dict[str, Any]]:
    from django.test import Client
    from django.urls import reverse

    slug = world["organisation"].slug
    young = Client()
    young.force_login(world["young"])
    anonymous = Client()
    board = reverse("decisions:board", args=[slug])
    pages = [
        ("organisation board", anonymous, board),
        ("organisation board, page 40", anonymous, f"{board}?page=40"),
        (
            "initiative board",
            anonymous,
            reverse("decisions:initiative-board", args=[world["initiative"].public_id]),
        ),
        ("board JSON", anonymous, f"/api/v1/organisations/{slug}/you-said-we-did"),
        ("what happened to what I said", young, reverse("decisions:what-happened")),
    ]
    return time_pages(pages)


NOTES = [
    "## Reading these numbers",
    "",
    "- Queries per page do not grow with the data: the same number on every board page, and on "
    "'What happened to what I said' (most of those are the session and the signed-in person), "
    "as tests/decisions/test_query_counts.py asserts at 10 and 100 contributions.",
    "- A theme's count of published contributions is read from the theme "
    "(`voice_theme.published_count`, kept by voice's services and checked by "
    "`alongside voice verify-counts`), so no board page counts contributions. Before it, the "
    "slowest board query counted them: about 600 a theme, 12,000 status look-ups a page.",
    "- The measuring machine is shared: compare the load average above with its CPUs. Server "
    "time includes waiting for a CPU, so a busy run overstates every page.",
]


if __name__ == "__main__":
    main()
