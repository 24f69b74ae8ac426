"""Credits' rows of the permission matrix and page sweep for the staff signals page: one young
person (with a 60-character name) over the week limit, a group of 12 whose spread is shown, and
a group of 3 that is not."""

from __future__ import annotations

from typing import Any

from alongside.accounts.roles import Role
from alongside.credits.models import GroupHours
from tests import factories
from tests.credits.factories_signals import gave, in_group
from tests.matrix import PageState, World, long_name
from tests.matrix import Row as R


def _signals(w: World) -> dict[str, Any]:
    if "signals" not in w.objects:
        young = w.person(Role.YOUNG_PERSON.value)
        gave(w.organisation, young, minutes_by_week_back={0: 600, 1: 300})
        for n in range(12):
            person = young if n == 0 else factories.person_with_role("young_person", w.organisation)
            in_group(w.organisation, person, key="all", label="", minutes=60 * (n + 1))
            key = "initiative:1" if n < 9 else "initiative:2"
            in_group(w.organisation, person, key=key, label=long_name(key), minutes=60)
        w.objects["signals"] = True
    return {"org": w.organisation.slug}


MATRIX_ROWS = [R("credits:signals", _signals, sweep_as=(Role.WORKER.value,))]

PAGE_STATES = [
    PageState(
        "credits-signals-quiet",
        "credits:signals",
        lambda w: {"org": w.organisation.slug},
        Role.WORKER.value,
    )
]

TYPED_TEXT = [(GroupHours, "group_label")]
