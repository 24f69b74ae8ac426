"""A worker turns two young people's ideas into a costed project with a photo and sends it to
the panel; the panel, with a young person on it, checks it; the public page shows it going
forward with its cost, photo and the ideas it came from. On a 375 px phone, axe on each page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage
from PIL import Image

from alongside.accounts.models import Organisation
from alongside.accounts.roles import Role
from alongside.budgeting.models import Proposal, ProposalPhoto
from alongside.core.models import AuditEvent
from alongside.initiatives.models import Initiative
from tests import factories
from tests.budgeting import factories_proposals as made
from tests.system.conftest import PHONE, click, heading, screenshot, signed_in, submit, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_turns_two_ideas_into_a_costed_project_and_the_panel_checks_it(
    new_page: Callable[..., Any],
    organisation: Organisation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Photos go to this test's folder (the field holds the storage it was given at start-up)
    field = ProposalPhoto._meta.get_field("image")
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(field, "storage", storage)
    # Given a round gathering ideas, with two young people's ideas published
    round_ = made.ideas_round(organisation)
    Initiative.objects.filter(pk=round_.initiative_id).update(stage=Initiative.Stage.OPEN)
    made.idea(round_, "Benches by the skate ramp, we have nowhere to sit")
    made.idea(round_, "A water fountain in the park")
    youth = factories.person_with_role(Role.YOUNG_PERSON, organisation, age=15)
    # And a worker with two-factor set up, signed in on a phone
    worker = factories.person_with_role(Role.WORKER, organisation)
    page = new_page(PHONE)
    signed_in(page, worker)
    base = f"/orgs/{organisation.slug}/rounds/{round_.public_id}"

    # When they open the round's projects and start writing one up, and send it empty
    visit(page, f"{base}/proposals/")
    assert "No projects have been written up yet" in page.locator("main").inner_text()
    click(page, page.get_by_role("button", name="Write up a project"))
    submit(page, "Save and continue")
    # Then the error summary says what to do, and its links move focus to the questions
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "Select at least one idea the project comes from" in summary.inner_text()
    summary.get_by_role("link", name="Enter the project's name").click()
    assert page.evaluate("document.activeElement.id") == "id_title"

    # When they choose both ideas, say what it is, who puts it forward and who leads it
    page.get_by_label("Benches by the skate ramp, we have nowhere to sit").check()
    page.get_by_label("A water fountain in the park").check()
    page.get_by_label("What is the project called?").fill("Somewhere to sit and drink")
    page.get_by_label("What would the project do?").fill(
        "Two benches and a water fountain by the skate ramp."
    )
    page.get_by_label("A group of young people").check()
    page.get_by_label("Name of the group or organisation").fill("The skate crew")
    page.get_by_label("Who will lead it?").fill(youth.display_name)
    submit(page, "Save and continue")
    assert heading(page) == "Somewhere to sit and drink"
    screenshot(page, "drafted")

    # And add two costs and a photo
    for item, pounds in (("Two benches", "1,200"), ("A water fountain", "850.50")):
        click(page, page.get_by_role("button", name="Add a cost"))
        page.get_by_label("What is the money for?").fill(item)
        page.get_by_label("How much will it cost, in pounds?").fill(pounds)
        submit(page, "Add the cost")
    assert (
        "The project now costs £2,050.50" in page.locator(".govuk-notification-banner").inner_text()
    )
    drawing = tmp_path / "drawing.png"
    Image.new("RGB", (40, 30), (30, 120, 200)).save(drawing)
    click(page, page.get_by_role("button", name="Add a photo"))
    page.get_by_label("Photo", exact=True).set_input_files(str(drawing))
    page.get_by_label("What does the photo show?").fill("A drawing of the benches")
    submit(page, "Add the photo")
    assert page.get_by_role("img", name="A drawing of the benches").is_visible()

    # And send it to be checked
    click(page, page.get_by_role("button", name="Send it to be checked"))
    submit(page, "Send it to be checked")
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.cost_pence == 205_050

    # When they put themselves and the young person on the feasibility panel
    visit(page, f"{base}/panel/")
    assert "needs at least one young person" in page.locator("main").inner_text()
    for person in (worker, youth):
        page.get_by_label("Who do you want to add?").fill(person.display_name)
        submit(page, "Add to the panel")
    assert "needs at least one young person" not in page.locator("main").inner_text()
    screenshot(page, "panel")

    # Then the young person, on their own phone, finds it on the panel's page and checks it
    their = new_page(PHONE)
    signed_in(their, youth)
    visit(their, f"{base}/panel/")
    click(their, their.get_by_role("link", name="Check it"))
    assert heading(their) == "Check Somewhere to sit and drink"
    assert "A water fountain in the park" in their.locator("main").inner_text()
    for question in ("Is it legal?", "Is it properly costed?", "Is it in scope?"):
        their.get_by_role("group", name=question).get_by_label("Yes").check()
    screenshot(their, "check")
    submit(their, "Record the check")
    assert (
        "is going forward to the vote" in their.locator(".govuk-notification-banner").inner_text()
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.FEASIBLE
    assert AuditEvent.objects.filter(action="budgeting.proposal.check", actor_id=youth.pk).exists()

    # And anyone can see it going forward, with its cost, photo and the ideas it came from
    public = new_page(PHONE)
    visit(public, f"/rounds/{round_.public_id}/projects/")
    shown = public.locator("main").inner_text()
    assert "Somewhere to sit and drink" in shown
    assert "£2,050.50" in shown
    assert "Benches by the skate ramp, we have nowhere to sit" in shown
    assert youth.display_name not in shown
    assert (
        public.get_by_role("img", name="A drawing of the benches").evaluate(
            "image => image.naturalWidth"
        )
        == 40
    )
    screenshot(public, "public-projects")
