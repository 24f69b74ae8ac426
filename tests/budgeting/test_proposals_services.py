"""Turning ideas into proposals: numbers, costs kept as their lines' sum within the budget,
who may write which proposal and when, photos, and sending one to be checked."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from alongside.accounts.models import Organisation
from alongside.budgeting import services
from alongside.budgeting.models import Area, CostLine, Proposal, ProposalPhoto, Round
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from alongside.voice.models import Contribution
from tests.budgeting import factories as budget_factories
from tests.budgeting import factories_proposals as made
from tests.voice.factories import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    location = tmp_path / "private"
    field = ProposalPhoto._meta.get_field("image")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location


def test_a_worker_turns_two_ideas_into_a_draft_with_the_next_number(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    first, second = made.idea(round_, "Benches"), made.idea(round_, "A water fountain")
    budget_factories.proposal(round_, 7, 100)  # one made before, numbered 7

    proposal = made.draft(round_, worker, ideas=[first, second])

    assert proposal.number == 8
    assert proposal.status == Proposal.Status.DRAFT
    assert set(proposal.ideas.all()) == {first, second}
    assert proposal.created_by == worker.person
    event = AuditEvent.objects.get(action="budgeting.proposal.create")
    assert event.data["ideas"] == 2
    assert "Benches" not in str(event.data)


def test_the_same_form_sent_twice_makes_one_proposal(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    idea, key = made.idea(round_), uuid.uuid4()

    def send() -> Proposal:
        return services.proposal_create(
            actor=worker,
            round_=round_,
            ideas=[idea],
            title="Benches",
            summary="Two benches.",
            proposed_by=Proposal.ProposedBy.YOUNG_PERSON,
            lead=worker.person,
            idempotency_key=key,
        )

    assert send().pk == send().pk
    assert Proposal.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [Contribution.Status.AWAITING_MODERATION, Contribution.Status.HIDDEN],
)
def test_only_published_ideas_of_the_round_can_be_used(
    organisation: Organisation, status: str
) -> None:
    round_ = made.ideas_round(organisation)
    unpublished = made.idea(round_, status=status, moderation_reason="It names someone")
    with pytest.raises(ValidationFailed, match="published"):
        made.draft(round_, made.staff(organisation), ideas=[unpublished])
    other_round = made.ideas_round(organisation)
    with pytest.raises(ValidationFailed, match="published"):
        made.draft(round_, made.staff(organisation), ideas=[made.idea(other_round)])
    with pytest.raises(ValidationFailed, match="at least one idea"):
        made.draft(round_, made.staff(organisation), ideas=[])
    assert not Proposal.objects.exists()


def test_a_view_is_not_an_idea(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    given = made.idea(round_)
    Contribution.objects.filter(pk=given.pk).update(kind=Contribution.Kind.VIEW)
    with pytest.raises(ValidationFailed, match="published"):
        made.draft(round_, made.staff(organisation), ideas=[given])


def test_the_cost_is_the_sum_of_its_lines(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal = made.draft(round_, worker, costs=[120_000, 35_050])
    assert proposal.cost_pence == 155_050

    line = CostLine.objects.get(proposal=proposal, pence=120_000)
    assert services.cost_line_remove(actor=worker, proposal=proposal, line_id=line.pk)
    proposal.refresh_from_db()
    assert proposal.cost_pence == 35_050
    # Removed twice (an old page sent again), nothing more changes
    assert not services.cost_line_remove(actor=worker, proposal=proposal, line_id=line.pk)
    assert [
        e.data["cost_pence"]
        for e in AuditEvent.objects.filter(action__startswith="budgeting.proposal.cost").order_by(
            "sequence"
        )
    ] == [120_000, 155_050, 35_050]


def test_a_cost_line_sent_twice_is_added_once(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal, key = made.draft(round_, worker), uuid.uuid4()
    for _ in range(2):
        services.cost_line_add(
            actor=worker, proposal=proposal, item="Benches", pence=50_000, idempotency_key=key
        )
    proposal.refresh_from_db()
    assert proposal.cost_pence == 50_000
    with pytest.raises(Conflict):
        services.cost_line_add(
            actor=worker, proposal=proposal, item="Benches", pence=1, idempotency_key=key
        )


def test_a_project_never_costs_more_than_the_round_or_its_area(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation, budget_pence=1_000_000)
    worker = made.staff(organisation)
    proposal = made.draft(round_, worker, costs=[900_000])
    with pytest.raises(ValidationFailed, match="£10,000"):
        services.cost_line_add(
            actor=worker,
            proposal=proposal,
            item="More",
            pence=100_001,
            idempotency_key=uuid.uuid4(),
        )
    services.cost_line_add(
        actor=worker,
        proposal=proposal,
        item="Just fits",
        pence=100_000,
        idempotency_key=uuid.uuid4(),
    )
    proposal.refresh_from_db()
    assert proposal.cost_pence == 1_000_000

    school = Area.objects.create(round=round_, name="Hillside School", budget_pence=300_000)
    in_area = made.draft(round_, worker, area=school, title="Lights", costs=[300_000])
    with pytest.raises(ValidationFailed, match="£3,000 budget for Hillside School"):
        services.cost_line_add(
            actor=worker, proposal=in_area, item="Bulbs", pence=1, idempotency_key=uuid.uuid4()
        )
    # Moving the first project into the small area is refused too
    with pytest.raises(ValidationFailed, match="more than the £3,000 budget"):
        services.proposal_update(
            actor=worker,
            proposal=proposal,
            ideas=list(proposal.ideas.all()),
            title=proposal.title,
            summary=proposal.summary,
            proposed_by=proposal.proposed_by,
            area=school,
            lead=worker.person,
        )
    assert CostLine.objects.filter(proposal=in_area).count() == 1


def test_a_round_with_areas_needs_one_and_a_round_without_takes_none(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    elsewhere = Area.objects.create(round=made.ideas_round(organisation), name="Elsewhere")
    with pytest.raises(ValidationFailed, match="not shared across areas"):
        made.draft(round_, worker, area=elsewhere)
    Area.objects.create(round=round_, name="Riverside Youth Club")
    with pytest.raises(ValidationFailed, match="Select the area"):
        made.draft(round_, worker)


def test_who_puts_it_forward_is_one_the_round_allows(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation, groups_may_propose=False)
    worker = made.staff(organisation)
    with pytest.raises(ValidationFailed, match="who is putting"):
        made.draft(round_, worker, proposed_by=Proposal.ProposedBy.GROUP, proposer_name="Crew")
    Round.objects.filter(pk=round_.pk).update(groups_may_propose=True)
    round_.refresh_from_db()
    with pytest.raises(ValidationFailed, match="name of the group"):
        made.draft(round_, worker, proposed_by=Proposal.ProposedBy.GROUP)
    group = made.draft(round_, worker, proposed_by=Proposal.ProposedBy.GROUP, proposer_name="Crew")
    assert group.proposer_name == "Crew"
    alone = made.draft(round_, worker, proposer_name="Ignored for one young person")
    assert alone.proposer_name == ""


def test_a_young_person_leads_what_they_write_and_changes_only_their_own(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(organisation, organisations_may_propose=True)
    writer, other = made.young(organisation), made.young(organisation)
    worker = made.staff(organisation)

    mine = made.draft(round_, writer, lead=worker.person)
    assert mine.lead == writer.person  # a young person cannot name someone else
    with pytest.raises(ValidationFailed, match="who is putting"):
        made.draft(
            round_, writer, proposed_by=Proposal.ProposedBy.ORGANISATION, proposer_name="Club"
        )
    with pytest.raises(NotPermitted, match="only change projects you wrote or lead"):
        services.cost_line_add(
            actor=other, proposal=mine, item="Paint", pence=100, idempotency_key=uuid.uuid4()
        )
    # Staff change any proposal, and young people those they lead
    theirs = made.draft(round_, worker, lead=other.person, title="Football")
    services.cost_line_add(
        actor=other, proposal=theirs, item="Goals", pence=100, idempotency_key=uuid.uuid4()
    )
    services.cost_line_add(
        actor=worker, proposal=mine, item="Paint", pence=100, idempotency_key=uuid.uuid4()
    )


def test_a_round_that_takes_no_projects_from_young_people_refuses_them(
    organisation: Organisation,
) -> None:
    round_ = made.ideas_round(
        organisation,
        young_people_may_propose=False,
        groups_may_propose=False,
        organisations_may_propose=True,
    )
    with pytest.raises(NotPermitted, match="does not take projects from young people"):
        made.draft(round_, made.young(organisation))


@pytest.mark.parametrize(
    "stage", [Round.Stage.SETUP, Round.Stage.RULES, Round.Stage.PROPOSALS, Round.Stage.VOTING]
)
def test_projects_are_written_only_while_ideas_are_gathered_or_checked(
    organisation: Organisation, stage: str
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal = made.draft(round_, worker)
    Round.objects.filter(pk=round_.pk).update(stage=stage)
    round_.refresh_from_db()
    proposal.refresh_from_db()
    with pytest.raises(Conflict, match="gathering or checking ideas"):
        made.draft(round_, worker)
    with pytest.raises(Conflict, match="gathering or checking ideas"):
        services.cost_line_add(
            actor=worker, proposal=proposal, item="Paint", pence=1, idempotency_key=uuid.uuid4()
        )


def test_a_sent_project_is_not_changed(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    with pytest.raises(ValidationFailed, match="at least one cost"):
        services.proposal_submit(actor=worker, proposal=made.draft(round_, worker))
    proposal = made.submitted(round_, worker)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert services.proposal_submit(actor=worker, proposal=proposal).status == "submitted"
    assert AuditEvent.objects.filter(action="budgeting.proposal.submit").count() == 1
    with pytest.raises(Conflict, match="sent to be checked"):
        services.cost_line_add(
            actor=worker, proposal=proposal, item="Paint", pence=1, idempotency_key=uuid.uuid4()
        )


def test_photos_are_checked_and_kept_privately_once(
    organisation: Organisation, private_files: Path
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal, key = made.draft(round_, worker), uuid.uuid4()
    for _ in range(2):
        photo = services.proposal_photo_add(
            actor=worker,
            proposal=proposal,
            image=image_upload(),
            description="A drawing of the benches",
            idempotency_key=key,
        )
    assert ProposalPhoto.objects.count() == 1
    assert (private_files / photo.image.name).exists()
    with pytest.raises(ValidationFailed, match="JPG or PNG"):
        services.proposal_photo_add(
            actor=worker,
            proposal=proposal,
            image=image_upload(kind="GIF", name="drawing.png"),
            description="Not really a PNG",
            idempotency_key=uuid.uuid4(),
        )
    with pytest.raises(ValidationFailed, match="what the photo shows"):
        services.proposal_photo_add(
            actor=worker,
            proposal=proposal,
            image=image_upload(),
            description="  ",
            idempotency_key=uuid.uuid4(),
        )


def test_text_is_limited_as_its_column(organisation: Organisation) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    with pytest.raises(ValidationFailed, match="120 characters or fewer"):
        made.draft(round_, worker, title="x" * 121)
    with pytest.raises(ValidationFailed, match="hidden character"):
        made.draft(round_, worker, title="Bench\x00es")
