"""Ideas, proposals and the feasibility panel's rows of the permission matrix and page sweep
(see tests/matrix.py).

The world's round gathers ideas, is shared across one area with its own part of the budget,
and has a panel of everyone the policy lets check (an admin, a worker, a commissioner and a
young person), so each of them gets into the panel's pages. The young person wrote the draft,
so they get into its pages; the worker sent another to be checked; two more were checked, one
going forward and one not. Every text is long and unbroken, for the sweep."""

from __future__ import annotations

import uuid
from typing import Any

from alongside.accounts.roles import Role
from alongside.budgeting import services
from alongside.budgeting.models import (
    Area,
    ConflictOfInterest,
    CostLine,
    FeasibilityCheck,
    PanelMember,
    Proposal,
    ProposalPhoto,
    Round,
)
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution
from tests import factories
from tests.budgeting import factories_proposals as made
from tests.matrix import ANONYMOUS, PageState, Row, World, long_name
from tests.voice.factories import image_upload

YOUNG = Role.YOUNG_PERSON.value
WORKER = Role.WORKER.value
LONG = "Benchesandawaterfountainbytheskaterampforeveryone" * 2
PANEL = (Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON)


def _actor(w: World, label: str) -> Any:
    return factories.actor(w.person(label))


def _round(w: World) -> Round:
    if "bp_round" not in w.objects:
        round_ = made.ideas_round(w.organisation)
        Round.objects.filter(pk=round_.pk).update(title=long_name("round") * 2)
        Initiative.objects.filter(pk=round_.initiative_id).update(stage=Initiative.Stage.OPEN)
        round_.refresh_from_db()
        Area.objects.create(round=round_, name=long_name("area"), budget_pence=2_000_000)
        manager = _actor(w, WORKER)
        made.on_panel(round_, manager, *(w.person(role.value) for role in PANEL))
        w.objects["bp_round"] = round_
    round_ = w.objects["bp_round"]
    assert isinstance(round_, Round)
    return round_


def _area(w: World) -> Area:
    return Area.objects.get(round=_round(w))


def _idea(w: World) -> Contribution:
    if "bp_idea" not in w.objects:
        w.objects["bp_idea"] = made.idea(_round(w), LONG + " please")
    idea = w.objects["bp_idea"]
    assert isinstance(idea, Contribution)
    return idea


def _proposal(w: World, key: str, actor_label: str, title: str) -> Proposal:
    if key not in w.objects:
        actor = _actor(w, actor_label)
        proposal = made.draft(
            _round(w),
            actor,
            ideas=[_idea(w)],
            title=title,
            area=_area(w),
            costs=[123_450],
        )
        CostLine.objects.filter(proposal=proposal).update(item=LONG)
        services.proposal_photo_add(
            actor=actor,
            proposal=proposal,
            image=image_upload(),
            description=LONG,
            idempotency_key=uuid.uuid4(),
        )
        w.objects[key] = proposal
    proposal = w.objects[key]
    assert isinstance(proposal, Proposal)
    return proposal


def _draft(w: World) -> Proposal:
    """The young person's own draft, with a cost and a photo."""
    return _proposal(w, "bp_draft", YOUNG, long_name("draft") * 2)


def _sent(w: World) -> Proposal:
    """The worker's proposal, waiting for the panel."""
    if "bp_sent" not in w.objects:
        proposal = _proposal(w, "bp_sent_draft", WORKER, long_name("sent") * 2)
        w.objects["bp_sent"] = services.proposal_submit(actor=_actor(w, WORKER), proposal=proposal)
    sent = w.objects["bp_sent"]
    assert isinstance(sent, Proposal)
    return sent


def _checked(w: World) -> tuple[Proposal, Proposal]:
    """One going forward, one not (with its published reason)."""
    if "bp_checked" not in w.objects:
        worker, youth = _actor(w, WORKER), _actor(w, YOUNG)
        forward = _proposal(w, "bp_forward", WORKER, long_name("forward") * 2)
        services.proposal_submit(actor=worker, proposal=forward)
        not_forward = _proposal(w, "bp_not_forward", WORKER, long_name("notforward") * 2)
        services.proposal_submit(actor=worker, proposal=not_forward)
        made.check(forward, youth)
        made.check(not_forward, youth, ok=False, reason=LONG)
        FeasibilityCheck.objects.update(notes=LONG)
        w.objects["bp_checked"] = (forward, not_forward)
    checked = w.objects["bp_checked"]
    assert isinstance(checked, tuple)
    return checked


def _on_not_forward(w: World) -> dict[str, Any]:
    _draft(w)
    _sent(w)
    return _on(_checked(w)[1])


def _public(w: World) -> dict[str, Any]:
    _draft(w)
    _sent(w)
    _checked(w)
    return {"round_id": _round(w).public_id}


def _staff(w: World) -> dict[str, Any]:
    _public(w)
    return {"org": w.organisation.slug, "round_id": _round(w).public_id}


def _on(proposal: Proposal) -> dict[str, Any]:
    return {
        "org": proposal.round.organisation.slug,
        "round_id": proposal.round.public_id,
        "proposal_id": proposal.public_id,
    }


def _on_draft(w: World) -> dict[str, Any]:
    _checked(w)
    return _on(_draft(w))


def _on_sent(w: World) -> dict[str, Any]:
    _checked(w)
    return _on(_sent(w))


def _proposal_body(w: World) -> dict[str, Any]:
    return {
        "ideas": [str(_idea(w).public_id)],
        "title": "Lights on the path through the park",
        "summary": "Six lights on the path, so it feels safe after dark.",
        "proposed_by": Proposal.ProposedBy.GROUP,
        "proposer_name": "Riverside youth forum",
        "area": str(_area(w).pk),
        "lead": w.person(WORKER).display_name,
        "idempotency_key": str(uuid.uuid4()),
    }


def _cost_line(w: World) -> dict[str, Any]:
    draft = _draft(w)
    return {**_on(draft), "line_id": CostLine.objects.get(proposal=draft).pk}


def _photo(proposal: Proposal) -> dict[str, Any]:
    return {**_on(proposal), "photo_id": ProposalPhoto.objects.get(proposal=proposal).pk}


def _public_photo(w: World) -> dict[str, Any]:
    forward, _ = _checked(w)
    return {
        "round_id": forward.round.public_id,
        "proposal_id": forward.public_id,
        "photo_id": ProposalPhoto.objects.get(proposal=forward).pk,
    }


def _candidate(w: World) -> Any:
    """A young person not yet on the panel, for the form that adds one."""
    if "bp_candidate" not in w.objects:
        w.objects["bp_candidate"] = factories.person_with_role(
            Role.YOUNG_PERSON, w.organisation, display_name=long_name("candidate")
        )
    return w.objects["bp_candidate"]


def _member(w: World) -> dict[str, Any]:
    _public(w)
    member = PanelMember.objects.get(round=_round(w), person=w.person(Role.ORG_ADMIN.value))
    return {"org": w.organisation.slug, "round_id": _round(w).public_id, "member_id": member.pk}


def _panel(w: World) -> dict[str, Any]:
    _candidate(w)
    return _staff(w)


# What people typed that these pages show (tests/test_languages.py: not ours to translate).
TYPED_TEXT = [
    (Round, "title"),
    (Area, "name"),
    (Proposal, "title"),
    (Proposal, "summary"),
    (Proposal, "proposer_name"),
    (Proposal, "not_feasible_reason"),
    (Proposal, "withdrawn_reason"),
    (CostLine, "item"),
    (ProposalPhoto, "description"),
    (ConflictOfInterest, "interest"),
    (FeasibilityCheck, "notes"),
    (Contribution, "text"),
]

MATRIX_ROWS = [
    # Public.
    Row("budgeting:round-ideas", _public, sweep_as=(ANONYMOUS, YOUNG, WORKER)),
    Row("budgeting:round-proposals", _public),
    Row("budgeting:proposal-photo-public", _public_photo, page=False),
    # Writing projects: staff, and young people their own.
    Row("budgeting:proposal-list", _staff),
    Row(
        "budgeting:proposal-create",
        _staff,
        body=_proposal_body,
        sweep_as=(WORKER, YOUNG),
    ),
    Row("budgeting:proposal-detail", _on_draft, sweep_as=(WORKER, YOUNG)),
    Row("budgeting:proposal-edit", _on_draft, body=_proposal_body, sweep_as=(YOUNG,)),
    Row(
        "budgeting:proposal-cost-add",
        _on_draft,
        body=lambda w: {
            "item": "Paint",
            "pence": "1,250.50",
            "idempotency_key": str(uuid.uuid4()),
        },
        sweep_as=(YOUNG,),
    ),
    Row("budgeting:proposal-cost-remove", _cost_line, body=lambda w: {}, sweep_as=(YOUNG,)),
    Row(
        "budgeting:proposal-photo-add",
        _on_draft,
        body=lambda w: {
            "image": image_upload(),
            "description": "A drawing of the lights",
            "idempotency_key": str(uuid.uuid4()),
        },
        sweep_as=(YOUNG,),
    ),
    Row("budgeting:proposal-photo", lambda w: _photo(_draft(w)), page=False),
    Row("budgeting:proposal-submit", _on_draft, body=lambda w: {}, sweep_as=(YOUNG,)),
    Row(
        "budgeting:proposal-withdraw",
        _on_draft,
        body=lambda w: {"reason": "We found the money somewhere else"},
        sweep_as=(YOUNG, WORKER),
    ),
    # The feasibility panel.
    Row(
        "budgeting:panel",
        _panel,
        body=lambda w: {"name": _candidate(w).display_name},
        sweep_as=(WORKER, YOUNG),
    ),
    Row("budgeting:panel-member-remove", _member, body=lambda w: {}),
    Row(
        "budgeting:conflict-declare",
        _on_sent,
        body=lambda w: {"interest": "My cousin is in the group"},
        sweep_as=(YOUNG,),
    ),
    Row(
        "budgeting:proposal-check",
        _on_sent,
        body=lambda w: {"is_legal": "yes", "is_costed": "no", "is_in_scope": "yes", "reason": "x"},
        sweep_as=(YOUNG, WORKER),
    ),
    Row(
        "budgeting:proposal-check-reopen",
        _on_not_forward,
        body=lambda w: {"reason": "We pressed the wrong answer"},
        sweep_as=(YOUNG, WORKER),
    ),
]


def _withdrawn(w: World) -> Proposal:
    """The worker's project, taken out of the round with a published reason."""
    if "bp_withdrawn" not in w.objects:
        _public(w)
        proposal = _proposal(w, "bp_withdrawn_draft", WORKER, long_name("withdrawn") * 2)
        w.objects["bp_withdrawn"] = services.proposal_withdraw(
            actor=_actor(w, WORKER), proposal=proposal, reason=LONG
        )
    withdrawn = w.objects["bp_withdrawn"]
    assert isinstance(withdrawn, Proposal)
    return withdrawn


def _public_with_withdrawn(w: World) -> dict[str, Any]:
    _withdrawn(w)
    return _public(w)


def _on_withdrawn(w: World) -> dict[str, Any]:
    return _on(_withdrawn(w))


def _writing_over(w: World) -> dict[str, Any]:
    kwargs = _staff(w)
    Round.objects.filter(pk=_round(w).pk).update(stage=Round.Stage.PROPOSALS)
    return kwargs


PAGE_STATES = [
    PageState(
        "budgeting-withdrawn-projects",
        "budgeting:round-proposals",
        _public_with_withdrawn,
        ANONYMOUS,
        query="?list=withdrawn",
    ),
    PageState("budgeting-withdrawn-project", "budgeting:proposal-detail", _on_withdrawn, WORKER),
    # "This project cannot be changed now" and "You cannot write up a project now".
    PageState(
        "budgeting-withdrawn-cannot-change", "budgeting:proposal-edit", _on_withdrawn, WORKER
    ),
    PageState("budgeting-cannot-write-now", "budgeting:proposal-create", _writing_over, YOUNG),
]
