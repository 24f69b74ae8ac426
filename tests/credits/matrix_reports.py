"""Credits' rows of the permission matrix and page sweep for the admin's reports: a month of
credits for a small group (not shown on its own), and the same as a CSV."""

from __future__ import annotations

import datetime as dt
from typing import Any

from alongside.accounts.roles import Role
from tests.credits.factories_mine import credit
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R

ADMIN = Role.ORG_ADMIN.value


def _credited(w: World) -> dict[str, Any]:
    if "reports" not in w.objects:
        credit(
            w.person(Role.YOUNG_PERSON.value),
            w.organisation,
            90,
            group_label=long_name("forum"),
            on=dt.date.today(),
        )
        w.objects["reports"] = True
    return {"org": w.organisation.slug}


MATRIX_ROWS = [
    R("credits:reports", _credited, sweep_as=(ADMIN,)),
    R("credits:reports-csv", _credited, page=False),
]

PAGE_STATES = [
    PageState(
        "credits-reports-none", "credits:reports", lambda w: {"org": w.organisation.slug}, ADMIN
    ),
]
