"""Governance's rows of the permission matrix and page sweep for recruiting board members:
a board's calls, opening and closing one, its applications and deciding them (staff), and
"Join a board", applying one question per page and "Your applications" (young people and
residents)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.governance.models import Application, Call, Seat
from alongside.governance.models.boards import Constituency
from tests.governance.factories import BoardFactory
from tests.governance.factories_recruitment import ApplicationFactory, CallFactory
from tests.matrix import PageState, World, long_name, org
from tests.matrix import Row as R

YOUNG = Role.YOUNG_PERSON.value
# The policy lets every participant in; an applicant's own pages then refuse the others.
NOT_THE_APPLICANT = (Role.PARENT_CARER.value, Role.COMMUNITY_MEMBER.value)
# Long unbroken words, so a page that lets typed text push it sideways fails the sweep.
LONG_WORDS = "Iwanttheyouthclubtoopenatweekendsandinthesummer" * 2 + " and a film night."


def _call(w: World) -> Call:
    """An open call with long words, on a board with a vacant young person's seat."""
    if "call" not in w.objects:
        board = BoardFactory(organisation=w.organisation, name=long_name("board"))
        w.objects["seat"] = Seat.objects.create(board=board, constituency=Constituency.YOUNG_PERSON)
        w.objects["call"] = CallFactory(
            board=board, title=long_name("call"), description=long_name("description")
        )
    return w.objects["call"]


def _application(w: World) -> Application:
    """The young person's application to the call, in long words, waiting for a decision."""
    if "application" not in w.objects:
        w.objects["application"] = ApplicationFactory(
            call=_call(w),
            person=w.person(YOUNG),
            why=LONG_WORDS,
            bring=LONG_WORDS,
            support_needed=LONG_WORDS,
        )
    return w.objects["application"]


def _board_args(w: World) -> dict[str, Any]:
    return {**org(w), "board_id": _call(w).board.public_id}


def _call_args(w: World) -> dict[str, Any]:
    _application(w)
    return {**org(w), "call_id": _call(w).public_id}


def _application_args(w: World) -> dict[str, Any]:
    return {**org(w), "application_id": _application(w).public_id}


def _org_with_call(w: World) -> dict[str, Any]:
    _call(w)
    return org(w)


def _org_with_application(w: World) -> dict[str, Any]:
    _application(w)
    return org(w)


def _to_apply(w: World) -> dict[str, Any]:
    """The call, which the young person has not applied to yet; someone else has, in the words
    the steps send, so the language test knows them as typed (not ours to translate)."""
    call = _call(w)
    if "other_application" not in w.objects:
        w.objects["other_application"] = ApplicationFactory(
            call=call, why=LONG_WORDS, bring=LONG_WORDS, support_needed=LONG_WORDS
        )
    return {**org(w), "call_id": call.public_id}


def _open_body(w: World) -> dict[str, str]:
    closes = timezone.localdate().replace(year=timezone.localdate().year + 1)
    return {
        "idempotency_key": str(uuid.uuid4()),
        "title": "Join the youth council",
        "description": "Members meet once a month after school. We pay for your bus.",
        "constituency": Constituency.YOUNG_PERSON,
        "places": "3",
        "closes_on_day": str(closes.day),
        "closes_on_month": str(closes.month),
        "closes_on_year": str(closes.year),
    }


def _select_body(w: World) -> dict[str, str]:
    return {
        "seat": str(w.objects["seat"].pk),
        "outcome_message": "Welcome to the board. The first meeting is on Tuesday at 5pm.",
    }


def _decline_body(w: World) -> dict[str, str]:
    return {"outcome_message": "Thank you for applying. There were more people than places."}


# Applying, one question per page: each page's ``prepare`` answers the pages before it.
FLOW: list[tuple[str, Callable[[World], dict[str, Any]]]] = [
    ("governance:application-why", lambda w: {"why": LONG_WORDS}),
    ("governance:application-bring", lambda w: {"bring": LONG_WORDS}),
    ("governance:application-support", lambda w: {"support_needed": LONG_WORDS}),
    ("governance:application-check", lambda w: {"idempotency_key": str(uuid.uuid4())}),
]


def _answered_up_to(step: str) -> Callable[[World, Client], None]:
    def prepare(w: World, client: Client) -> None:
        for name, body in FLOW:
            if name == step:
                return
            url = reverse(name, args=[w.organisation.slug, _call(w).public_id])
            response = client.post(url, body(w))
            assert response.status_code == 302, (name, response.status_code)

    return prepare


def _step(name: str, body: Callable[[World], dict[str, Any]]) -> R:
    return R(
        name,
        _to_apply,
        body=body,
        sweep_as=(YOUNG,),
        body_changes_rows=name == "governance:application-check",
        prepare=None if name == FLOW[0][0] else _answered_up_to(name),
    )


MATRIX_ROWS = [
    # Staff
    R("governance:board-calls", _board_args),
    R("governance:call-open", _board_args, body=_open_body),
    R("governance:call-applications", _call_args),
    R("governance:call-close", _call_args, body=lambda w: {}),
    R("governance:application-detail", _application_args),
    R("governance:application-select", _application_args, body=_select_body),
    R("governance:application-decline", _application_args, body=_decline_body),
    # Young people and residents
    R("governance:call-list", _org_with_call, sweep_as=(YOUNG,)),
    R("governance:call-detail", _to_apply, sweep_as=(YOUNG,)),
    *(_step(name, body) for name, body in FLOW),
    R(
        "governance:application-sent",
        _application_args,
        sweep_as=(YOUNG,),
        also_refuses=NOT_THE_APPLICANT,
    ),
    R(
        "governance:application-withdraw",
        _application_args,
        body=lambda w: {},
        sweep_as=(YOUNG,),
        also_refuses=NOT_THE_APPLICANT,
    ),
    R("governance:application-mine", _org_with_application, sweep_as=(YOUNG,)),
]


def _closed_call(w: World) -> dict[str, Any]:
    found = _call_args(w)
    Call.objects.filter(pk=_call(w).pk).update(closed_at=timezone.now())
    return found


def _decided(w: World) -> dict[str, Any]:
    application = _application(w)
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.NOT_SELECTED,
        decided_at=timezone.now(),
        outcome_message=LONG_WORDS,
    )
    return org(w)


def _no_vacant_seat(w: World) -> dict[str, Any]:
    found = _application_args(w)
    Seat.objects.filter(pk=w.objects["seat"].pk).delete()
    return found


def _empty_board(w: World) -> dict[str, Any]:
    board = BoardFactory(organisation=w.organisation, name=long_name("board"))
    return {**org(w), "board_id": board.public_id}


def _call_with_no_applications(w: World) -> dict[str, Any]:
    return {**org(w), "call_id": _call(w).public_id}


PAGE_STATES = [
    PageState("governance-calls-none-open", "governance:call-list", org, YOUNG),
    PageState("governance-applications-none-mine", "governance:application-mine", org, YOUNG),
    PageState("governance-applications-decided", "governance:application-mine", _decided, YOUNG),
    PageState("governance-call-closed", "governance:call-detail", _closed_call, YOUNG),
    PageState("governance-call-applied", "governance:call-detail", _call_args, YOUNG),
    PageState(
        "governance-board-no-calls", "governance:board-calls", _empty_board, Role.WORKER.value
    ),
    PageState(
        "governance-call-no-applications",
        "governance:call-applications",
        _call_with_no_applications,
        Role.WORKER.value,
    ),
    PageState(
        "governance-application-no-vacant-seat",
        "governance:application-select",
        _no_vacant_seat,
        Role.WORKER.value,
    ),
]

TYPED_TEXT = [
    (Call, "title"),
    (Call, "description"),
    (Application, "why"),
    (Application, "bring"),
    (Application, "support_needed"),
    (Application, "outcome_message"),
]
