"""Telling authors that a decision used what they said: queued once the decision has committed,
so a theme with thousands of contributions does not hold up the page that recorded it, and
nothing is told about a decision that was rolled back. Safe to run twice: each notice's event
key is told once."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from alongside.decisions import selectors
from alongside.decisions.models import Decision
from alongside.notices.services import notice_send

NOTICE_KIND = "decisions.cited"
NOTICE_TEXT = "A decision used what you said"


@task()
def decision_authors_tell(
    decision_id: int, contribution_ids: list[int], theme_ids: list[int]
) -> None:
    """Each author of a cited contribution, and of each published contribution in a cited
    theme, gets one notice linking the decision's public page."""
    decision = Decision.objects.select_related("organisation").filter(pk=decision_id).first()
    if decision is None:
        return
    url = reverse("decisions:decision-detail", args=[decision.public_id])
    for contribution in selectors.cited_authors(
        contribution_ids=set(contribution_ids), theme_ids=set(theme_ids)
    ):
        assert contribution.author is not None
        notice_send(
            person=contribution.author,
            kind=NOTICE_KIND,
            text=NOTICE_TEXT,
            event_key=f"decisions.cite:{decision.pk}:{contribution.pk}",
            url=url,
            organisation=decision.organisation,
        )
