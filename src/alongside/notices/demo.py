"""Demo notices for Jamie, the demo's 15-year-old (accounts/demo.py prints the sign-in): a
welcome, and one for each answer to what Jamie said and each decision that used it, if the
demo made any.

Answers and decisions are recorded by domains above this one, which tell their authors through
``notice_send`` themselves; this only makes sure Jamie's page shows them however the demo was
loaded. It finds them by app label (``apps.get_model``), since notices may not import the
domains above it, and uses the same event keys, so nobody is told twice. Safe to run again.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from alongside.accounts.models import Organisation, Person
from alongside.notices.services import notice_send

USERNAME = "jamie"
PLACE = "riverside-youth-service"


def _model(label: str) -> Any:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _what_happened() -> str:
    try:
        return reverse("decisions:what-happened")
    except NoReverseMatch:
        return reverse("notices:my-notices")


def seed() -> int:
    """Give Jamie their notices; return how many are new."""
    jamie = Person.objects.filter(user__username=USERNAME).first()
    organisation = Organisation.objects.filter(slug=PLACE).first()
    if jamie is None or organisation is None:
        return 0
    url = _what_happened()
    told = [
        notice_send(
            person=jamie,
            kind="notices.welcome",
            text="Welcome to Alongside. When something happens to what you said, we tell you here.",
            event_key="notices.welcome",
            url=reverse("notices:my-notices"),
            organisation=organisation,
        )
    ]
    answer = _model("voice.Answer")
    if answer is not None:
        for answer_id in answer.objects.filter(contribution__author=jamie).values_list(
            "pk", flat=True
        )[:3]:
            told.append(
                notice_send(
                    person=jamie,
                    kind="voice.answered",
                    text="Your idea got an answer",
                    event_key=f"voice.answer:{answer_id}",
                    url=url,
                    organisation=organisation,
                )
            )
    citation = _model("decisions.Citation")
    if citation is not None:
        for decision_id, contribution_id in citation.objects.filter(
            contribution__author=jamie
        ).values_list("decision_id", "contribution_id")[:3]:
            told.append(
                notice_send(
                    person=jamie,
                    kind="decisions.cited",
                    text="A decision used what you said",
                    event_key=f"decisions.cite:{decision_id}:{contribution_id}",
                    url=url,
                    organisation=organisation,
                )
            )
    return sum(1 for notice in told if notice is not None)
