"""The safeguarding rows of the permission matrix and page sweep (see tests/matrix.py).

Every page that shows a concern is for the organisation's designated safeguarding leads only:
the matrix tries each as every other role (organisation admin and worker included), anonymous,
a withdrawn participant and an admin of another organisation, and each is refused (403 or sign
in) with their POST changing no row.
"""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.safeguarding.models import Concern
from tests import factories
from tests.matrix import ANONYMOUS, PageState, World, long_name, org
from tests.matrix import Row as R
from tests.safeguarding.factories import concern_by_staff, concern_from

YOUNG = Role.YOUNG_PERSON.value
LEAD = Role.SAFEGUARDING_LEAD.value
WORKER = Role.WORKER.value

# Long and unbroken, so a page that lets a concern's words push it sideways fails the sweep.
LONG_WORDS = "Somebody" + "keepstakingmyphoneafterclub" * 4 + " and I feel scared to come back."


def concern(w: World) -> Concern:
    """A concern the young person raised, and one a worker raised about them."""
    if "concern" not in w.objects:
        w.objects["concern"] = concern_from(w.person(YOUNG), w.organisation, text=LONG_WORDS)
        concern_by_staff(
            w.person(WORKER), w.organisation, about=w.person(YOUNG), text=long_name("seen")
        )
    return w.objects["concern"]


def _concern(w: World) -> dict[str, Any]:
    return {**org(w), "concern_id": concern(w).public_id}


def _org_with_concerns(w: World) -> dict[str, Any]:
    concern(w)
    return org(w)


def _told(w: World) -> dict[str, Any]:
    concern(w)
    return {}


def _in_two_places(w: World) -> dict[str, Any]:
    """The young person takes part in the other organisation too, so they choose whom to tell."""
    young = w.person(YOUNG)
    factories.MembershipFactory(person=young, organisation=w.other, role=YOUNG)
    factories.ConsentFactory(person=young, organisation=w.other)
    return {}


def _tell_us(w: World) -> dict[str, Any]:
    return {"text": "I feel unsafe walking home.", "idempotency_key": str(uuid.uuid4())}


MATRIX_ROWS = [
    # Public: who to talk to; signed in and taking part, a box to tell the lead.
    R("safeguarding:help", body=_tell_us, sweep_as=(YOUNG, ANONYMOUS)),
    R("safeguarding:help-sent", sweep_as=(YOUNG,)),
    R("safeguarding:my-concerns", _told, sweep_as=(YOUNG,)),
    R("safeguarding:concern-raise", org, body=_tell_us, sweep_as=(WORKER,)),
    # The leads' pages: nobody else.
    R("safeguarding:concern-list", _org_with_concerns),
    R("safeguarding:concern-detail", _concern),
    R("safeguarding:concern-acknowledge", _concern, body=lambda w: {}),
    R(
        "safeguarding:concern-respond",
        _concern,
        body=lambda w: {"response": "We will talk at club on Tuesday.", "share": "on"},
    ),
    R("safeguarding:concern-close", _concern, body=lambda w: {"note": "Met them and mum."}),
]

PAGE_STATES = [PageState("safeguarding-help-choose", "safeguarding:help", _in_two_places, YOUNG)]
