"""Budgeting's rows of the permission matrix and page sweep for delivering funded projects
(see tests/matrix.py): the staff pages and the public page of what happened to each."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from alongside.budgeting.models import Milestone, Proposal, Round
from tests.budgeting import factories
from tests.matrix import Row as R
from tests.matrix import World, long_name
from tests.voice.factories import image_upload


def funded(w: World) -> Proposal:
    """Project 1 of a published round, with a long title and one step that has a photo."""
    if "funded" not in w.objects:
        round_ = factories.published_round(w.organisation)
        Round.objects.filter(pk=round_.pk).update(title=long_name("round") * 2)
        proposal = Proposal.objects.get(round=round_, number=1)
        Proposal.objects.filter(pk=proposal.pk).update(title=long_name("project") * 2)
        proposal.refresh_from_db()
        step = Milestone.objects.create(proposal=proposal, description=long_name("step") * 2)
        step.photo.save("step.png", image_upload(), save=True)
        w.objects["funded"] = proposal
        w.objects["step"] = step
    return w.objects["funded"]


def delivering(w: World) -> Round:
    """A round delivering its projects, with long titles: project 1 not finished yet, so
    closing the round warns of it, project 2 finished."""
    if "delivering" not in w.objects:
        round_ = factories.published_round(w.organisation)
        Round.objects.filter(pk=round_.pk).update(
            title=long_name("round") * 2, stage=Round.Stage.DELIVERY
        )
        for number in (1, 2):
            Proposal.objects.filter(round=round_, number=number).update(
                title=long_name(f"project_{number}") * 2,
                delivered_on=None if number == 1 else timezone.localdate(),
            )
        round_.refresh_from_db()
        w.objects["delivering"] = round_
    return w.objects["delivering"]


def _round(w: World) -> dict[str, Any]:
    return {"org": w.organisation.slug, "round_id": funded(w).round.public_id}


def _project(w: World) -> dict[str, Any]:
    return _round(w) | {"number": funded(w).number}


def _step(w: World) -> dict[str, Any]:
    return _project(w) | {"milestone_id": w.objects["step"].pk}


def _public_step(w: World) -> dict[str, Any]:
    step = _step(w)
    return {k: step[k] for k in ("round_id", "number", "milestone_id")}


def _public(w: World) -> dict[str, Any]:
    return {"round_id": funded(w).round.public_id}


MATRIX_ROWS = [
    R("budgeting:delivery-list", _round),
    R("budgeting:round-deliver", _round, body=lambda w: {}),
    R(
        "budgeting:round-finish",
        lambda w: {"org": w.organisation.slug, "round_id": delivering(w).public_id},
        body=lambda w: {},
    ),
    R("budgeting:delivery-project", _project),
    R(
        "budgeting:milestone-add",
        _project,
        body=lambda w: {
            "description": "Open the studio",
            "spent": "0",
            "key": str(uuid.uuid4()),
        },
    ),
    R(
        "budgeting:milestone-done",
        _step,
        body=lambda w: {
            "done_on_day": "1",
            "done_on_month": "11",
            "done_on_year": "2026",
            "spent": "12.50",
        },
    ),
    R("budgeting:milestone-photo", _step, page=False),
    R(
        "budgeting:project-delivered",
        # Project 2 has no step left to do, so it can be finished.
        lambda w: _round(w) | {"number": 2},
        body=lambda w: {
            "delivered_on_day": "1",
            "delivered_on_month": "11",
            "delivered_on_year": "2026",
        },
    ),
    R("budgeting:round-delivery", _public),
    R("budgeting:milestone-photo-public", _public_step, page=False),
    R("budgeting:round-results-csv", _public, page=False),
    R("budgeting:round-grants-csv", _public, page=False),
    R("budgeting:round-grants-json", _public, page=False),
]

TYPED_TEXT = [(Milestone, "description"), (Proposal, "title"), (Round, "title")]
