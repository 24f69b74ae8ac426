"""The notices domain's rows of the permission matrix and page sweep (see tests/matrix.py)."""

from __future__ import annotations

from typing import Any

from alongside.accounts.roles import Role
from tests.matrix import Row as R
from tests.matrix import World
from tests.notices.factories import notice

YOUNG = Role.YOUNG_PERSON.value
ADMIN = Role.ORG_ADMIN.value
# The longest a notice's text can be, unbroken: a 375 px page must not scroll sideways.
LONGEST = ("Yournoticewithaverylongwordinit" * 10)[:300]


def _with_notices(w: World) -> dict[str, Any]:
    """Everyone signed in has a new notice, and one they read, so the page and the header's
    count have something in them, and "Mark all as read" changes a row for whoever posts."""
    if "notices" not in w.objects:
        for visitor in w.visitors.values():
            if visitor.person is not None:
                notice(visitor.person, w.organisation, text="A decision used what you said")
                notice(visitor.person, w.organisation, text=LONGEST, url="/my/notices/")
        w.objects["notices"] = True
    return {}


def _a_notice(w: World) -> dict[str, Any]:
    """A young person's new notice: they open it (and it is marked read); anyone else signed
    in is told there is no such notice, and nothing changes."""
    made = notice(w.person(YOUNG), w.organisation, text="Your idea got an answer")
    return {"notice_id": made.pk}


MATRIX_ROWS = [
    R("notices:my-notices", _with_notices, body=lambda w: {}, sweep_as=(YOUNG, ADMIN)),
    R("notices:notice-open", _a_notice, page=False),
]
