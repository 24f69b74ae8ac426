"""The pages of ideas, proposals and the panel, through the test client: what each shows to
whom, the forms' answers reaching the services, and the public pages naming nobody."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.accounts.models import Organisation, Person
from alongside.budgeting import services
from alongside.budgeting.models import PanelMember, Proposal, ProposalPhoto, Round
from alongside.initiatives.models import Initiative
from alongside.voice.models import Contribution
from tests.budgeting import factories_proposals as made
from tests.voice.factories import image_upload

pytestmark = pytest.mark.django_db

Clients = Callable[[Person | None], Client]


@pytest.fixture(autouse=True)
def private_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    field = ProposalPhoto._meta.get_field("image")
    location = tmp_path / "private"
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=location, base_url=None))
    return location


def _staff_url(name: str, round_: Round, *args: Any) -> str:
    return reverse(f"budgeting:{name}", args=[round_.organisation.slug, round_.public_id, *args])


def _on(name: str, proposal: Proposal, *args: Any) -> str:
    return _staff_url(name, proposal.round, proposal.public_id, *args)


def _text(response: Any) -> str:
    return response.content.decode()


def _photo(proposal: Proposal, actor: Any) -> ProposalPhoto:
    return services.proposal_photo_add(
        actor=actor,
        proposal=proposal,
        image=image_upload(),
        description="A drawing of the benches",
        idempotency_key=uuid.uuid4(),
    )


# The public ideas page ---------------------------------------------------------------------


def test_the_ideas_page_shows_published_ideas_and_no_names(
    organisation: Organisation, client: Client
) -> None:
    round_ = made.ideas_round(organisation)
    author = made.young(organisation).person
    made.idea(round_, "Lights on the path", author=author)
    made.idea(round_, "Hidden words", status=Contribution.Status.HIDDEN, moderation_reason="x")
    made.idea(round_, "A view, not an idea", kind=Contribution.Kind.VIEW)

    page = _text(client.get(reverse("budgeting:round-ideas", args=[round_.public_id])))

    assert "Lights on the path" in page
    assert "Hidden words" not in page
    assert "A view, not an idea" not in page
    assert author.display_name not in page
    assert "Turn ideas into a project" not in page


def test_the_ideas_page_links_to_the_give_flow_while_ideas_are_gathered(
    organisation: Organisation, client: Client
) -> None:
    round_ = made.ideas_round(organisation)
    url = reverse("budgeting:round-ideas", args=[round_.public_id])
    assert "Give an idea for this budget" not in _text(client.get(url))  # initiative not open

    Initiative.objects.filter(pk=round_.initiative_id).update(stage=Initiative.Stage.OPEN)
    give = reverse("voice:contribution-give", args=[organisation.slug])
    assert f"{give}?initiative={round_.initiative.public_id}" in _text(client.get(url))

    Round.objects.filter(pk=round_.pk).update(stage=Round.Stage.VOTING)
    assert "no longer gathering ideas" in _text(client.get(url))


def test_the_ideas_page_is_paginated(organisation: Organisation, client: Client) -> None:
    round_ = made.ideas_round(organisation)
    for n in range(26):
        made.idea(round_, f"Idea number {n}")
    url = reverse("budgeting:round-ideas", args=[round_.public_id])
    assert "Showing 1 to 25 of 26" in _text(client.get(url))
    assert "Showing 26 to 26 of 26" in _text(client.get(url, {"page": 2}))


def test_a_round_still_being_set_up_has_no_public_pages(
    organisation: Organisation, client: Client
) -> None:
    round_ = made.ideas_round(organisation, stage=Round.Stage.SETUP)
    assert client.get(reverse("budgeting:round-ideas", args=[round_.public_id])).status_code == 404
    assert (
        client.get(reverse("budgeting:round-proposals", args=[round_.public_id])).status_code == 404
    )


# Writing a project -------------------------------------------------------------------------


def test_a_worker_turns_two_ideas_into_a_costed_project(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    lead = made.young(organisation).person
    first, second = made.idea(round_, "Benches"), made.idea(round_, "A fountain")
    client = client_for(worker.person)
    create = _staff_url("proposal-create", round_)

    form = _text(client.get(create, {"idea": str(first.public_id)}))
    assert f'value="{first.public_id}" checked' in form
    response = client.post(
        create,
        {
            "ideas": [str(first.public_id), str(second.public_id)],
            "title": "Somewhere to sit",
            "summary": "Benches and a fountain by the ramp.",
            "proposed_by": Proposal.ProposedBy.GROUP,
            "proposer_name": "The skate crew",
            "lead": lead.display_name.upper(),
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _on("proposal-detail", proposal)
    assert proposal.lead == lead
    assert set(proposal.ideas.all()) == {first, second}

    added = client.post(
        _on("proposal-cost-add", proposal),
        {"item": "Two benches", "pence": "£1,250.50", "idempotency_key": str(uuid.uuid4())},
    )
    assert added.status_code == 302
    proposal.refresh_from_db()
    assert proposal.cost_pence == 125_050
    detail = _text(client.get(_on("proposal-detail", proposal)))
    assert "£1,250.50" in detail
    assert "Benches" in detail
    assert "A fountain" in detail


def test_the_form_says_what_is_wrong_in_plain_words(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation, budget_pence=100_000)
    worker = made.staff(organisation)
    idea = made.idea(round_)
    client = client_for(worker.person)
    sent = _text(
        client.post(
            _staff_url("proposal-create", round_),
            {
                "ideas": [str(idea.public_id)],
                "title": "Benches",
                "summary": "Benches.",
                "proposed_by": Proposal.ProposedBy.GROUP,
                "lead": "Nobody by this name",
                "idempotency_key": str(uuid.uuid4()),
            },
        )
    )
    assert "Enter the name of the group or organisation" in sent
    assert not Proposal.objects.exists()

    proposal = made.draft(round_, worker)
    over = _text(
        client.post(
            _on("proposal-cost-add", proposal),
            {"item": "A stage", "pence": "1000.01", "idempotency_key": str(uuid.uuid4())},
        )
    )
    assert "more than the round&#39;s budget of £1,000" in over
    empty = _text(client.post(_on("proposal-cost-add", proposal), {}))
    assert "Enter what the money is for" in empty
    assert "Enter how much it will cost" in empty


def test_an_unknown_lead_is_named_as_the_problem(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    idea = made.idea(round_)
    page = _text(
        client_for(made.staff(organisation).person).post(
            _staff_url("proposal-create", round_),
            {
                "ideas": [str(idea.public_id)],
                "title": "Benches",
                "summary": "Benches.",
                "proposed_by": Proposal.ProposedBy.YOUNG_PERSON,
                "lead": "Nobody by this name",
                "idempotency_key": str(uuid.uuid4()),
            },
        )
    )
    assert "Nobody in this organisation has that display name" in page


def test_a_young_person_writes_their_own_from_the_ideas_page(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    idea = made.idea(round_)
    youth = made.young(organisation).person
    client = client_for(youth)

    ideas_page = _text(client.get(reverse("budgeting:round-ideas", args=[round_.public_id])))
    assert "Turn ideas into a project" in ideas_page
    form = _text(client.get(_staff_url("proposal-create", round_)))
    assert 'name="lead"' not in form
    assert "An organisation" not in form
    client.post(
        _staff_url("proposal-create", round_),
        {
            "ideas": [str(idea.public_id)],
            "title": "Benches",
            "summary": "Benches.",
            "proposed_by": Proposal.ProposedBy.YOUNG_PERSON,
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    proposal = Proposal.objects.get()
    assert (proposal.created_by, proposal.lead) == (youth, youth)
    ideas_page = _text(client.get(reverse("budgeting:round-ideas", args=[round_.public_id])))
    assert "Your projects" in ideas_page
    assert "Benches" in ideas_page

    someone_else = client_for(made.young(organisation).person)
    assert someone_else.get(_on("proposal-detail", proposal)).status_code == 403
    assert someone_else.get(_on("proposal-edit", proposal)).status_code == 403
    assert client.get(_on("proposal-detail", proposal)).status_code == 200


def test_a_sent_project_says_it_cannot_be_changed(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    proposal = made.submitted(round_, worker)
    client = client_for(worker.person)
    page = _text(client.get(_on("proposal-cost-add", proposal)))
    assert "cannot be changed now" in page
    # Sent again (the form sent twice), it stays sent and goes to the project
    again = client.post(_on("proposal-submit", proposal), {})
    assert again.status_code == 302


def test_a_young_person_cannot_write_when_the_round_takes_none_from_them(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(
        organisation, young_people_may_propose=False, groups_may_propose=False
    )
    page = _text(
        client_for(made.young(organisation).person).get(_staff_url("proposal-create", round_))
    )
    assert "does not take projects from young people" in page


def test_photos_are_private_until_the_project_goes_forward(
    organisation: Organisation, client_for: Clients, client: Client
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    proposal = made.draft(round_, worker, costs=[1000])
    photo = _photo(proposal, worker)
    services.proposal_submit(actor=worker, proposal=proposal)
    public = reverse(
        "budgeting:proposal-photo-public", args=[round_.public_id, proposal.public_id, photo.pk]
    )
    assert client.get(public).status_code == 404
    staff_photo = client_for(worker.person).get(_on("proposal-photo", proposal, photo.pk))
    assert staff_photo.status_code == 200
    assert staff_photo["Content-Type"] == "image/png"
    assert (
        client_for(youth.person).get(_on("proposal-photo", proposal, photo.pk)).status_code == 403
    )

    made.on_panel(round_, worker, worker.person, youth.person)
    assert (
        client_for(youth.person).get(_on("proposal-photo", proposal, photo.pk)).status_code == 200
    )
    made.check(proposal, youth)
    assert client.get(public).status_code == 200


# The public projects page ------------------------------------------------------------------


def _checked_round(organisation: Organisation, count: int) -> Round:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    for n in range(count):
        proposal = made.draft(round_, worker, title=f"Project {n}", costs=[250_000])
        _photo(proposal, worker)
        services.proposal_submit(actor=worker, proposal=proposal)
        made.check(proposal, youth, ok=n % 2 == 0, reason=f"Reason {n}" if n % 2 else "")
    return round_


def test_the_projects_page_shows_what_goes_forward_and_why_others_do_not(
    organisation: Organisation, client: Client
) -> None:
    round_ = _checked_round(organisation, 2)
    worker = made.staff(organisation)
    made.submitted(round_, worker, title="Still being checked")
    made.draft(round_, worker, title="Still being written")
    url = reverse("budgeting:round-proposals", args=[round_.public_id])

    forward = _text(client.get(url))
    assert "Project 0" in forward
    assert "£2,500" in forward
    assert "Project 1" not in forward
    assert "Still being" not in forward
    not_forward = _text(client.get(url, {"list": "not-going-forward"}))
    assert "Project 1" in not_forward
    assert "Reason 1" in not_forward
    assert "Project 0" not in not_forward


def test_the_projects_page_reads_the_same_number_of_times_however_many_projects(
    organisation: Organisation, other_organisation: Organisation, client: Client
) -> None:
    def queries(round_: Round) -> int:
        url = reverse("budgeting:round-proposals", args=[round_.public_id])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(_checked_round(organisation, 1)) == queries(
        _checked_round(other_organisation, 6)
    )


# The panel ---------------------------------------------------------------------------------


def test_the_panel_is_seen_by_staff_and_its_members_only(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    url = _staff_url("panel", round_)
    assert client_for(youth.person).get(url).status_code == 403
    added = client_for(worker.person).post(url, {"name": youth.person.display_name})
    assert added.status_code == 302
    assert PanelMember.objects.filter(person=youth.person).exists()
    page = _text(client_for(youth.person).get(url))
    assert "Add to the panel" not in page
    assert (
        client_for(youth.person).post(url, {"name": worker.person.display_name}).status_code == 403
    )


def test_a_parent_cannot_be_put_on_the_panel(
    organisation: Organisation, client_for: Clients, person_with_role: Callable[..., Person]
) -> None:
    round_ = made.ideas_round(organisation)
    parent = person_with_role("parent_carer")
    page = _text(
        client_for(made.staff(organisation).person).post(
            _staff_url("panel", round_), {"name": parent.display_name}
        )
    )
    assert "No member of staff or young person here has that display name" in page


def test_the_check_page_refuses_until_a_young_person_is_on_the_panel(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker = made.staff(organisation)
    made.on_panel(round_, worker, worker.person)
    proposal = made.submitted(round_, worker)
    client = client_for(worker.person)
    page = _text(client.get(_on("proposal-check", proposal)))
    assert "needs at least one young person" in page
    sent = _text(
        client.post(
            _on("proposal-check", proposal),
            {"is_legal": "yes", "is_costed": "yes", "is_in_scope": "yes"},
        )
    )
    assert "needs at least one young person" in sent
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_a_no_without_a_reason_is_sent_back(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    proposal = made.submitted(round_, worker)
    client = client_for(youth.person)
    page = _text(
        client.post(
            _on("proposal-check", proposal),
            {"is_legal": "yes", "is_costed": "no", "is_in_scope": "yes"},
        )
    )
    assert "Say why the project cannot go forward" in page
    done = client.post(
        _on("proposal-check", proposal),
        {"is_legal": "yes", "is_costed": "no", "is_in_scope": "yes", "reason": "No quotes"},
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.not_feasible_reason) == ("not_feasible", "No quotes")


def test_after_declaring_an_interest_the_check_page_says_why_not(
    organisation: Organisation, client_for: Clients
) -> None:
    round_ = made.ideas_round(organisation)
    worker, youth = made.staff(organisation), made.young(organisation)
    made.on_panel(round_, worker, youth.person)
    proposal = made.submitted(round_, worker)
    client = client_for(youth.person)
    client.post(_on("conflict-declare", proposal), {"interest": "My brother leads it"})
    page = _text(client.get(_on("proposal-check", proposal)))
    assert "You declared an interest in this project" in page
    assert 'name="is_legal"' not in page
