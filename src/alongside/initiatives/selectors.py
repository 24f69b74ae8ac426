"""Reads for initiatives, each scoped to an organisation (or, for the public pages, to what is
public: an initiative still being planned is nobody's business but its staff's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db.models import Count, Prefetch, QuerySet

from alongside.accounts.models import Membership, Organisation, Person
from alongside.core.errors import NotFound
from alongside.core.models import TenantQuerySet
from alongside.core.selectors import get_in_organisation
from alongside.initiatives.models import (
    ChecklistAnswer,
    ChecklistQuestion,
    CoproductionForm,
    Initiative,
    TeamMember,
)
from alongside.initiatives.rules import Missing, missing_before_open

NOT_HERE = "That initiative is not part of this organisation."
NOT_PUBLIC = "There is no initiative at this address."

# Sections of the set-up task list, in the order the page shows them.
SECTIONS = ("about", "forms", "decision", "dates", "team", "checklist", "ladder", "moderation")


def _with_forms(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return queryset.prefetch_related(
        Prefetch("forms", queryset=CoproductionForm.objects.order_by("order"))
    )


def initiatives_for_organisation(
    *, organisation: Organisation, stage: str = ""
) -> QuerySet[Initiative]:
    """The organisation's own initiatives (not those it is only a partner in), newest first."""
    initiatives = Initiative.objects.for_organisation(organisation).select_related("lead")
    if stage:
        initiatives = initiatives.filter(stage=stage)
    return _with_forms(initiatives).order_by("-created_at", "-pk")


def initiative_get(*, organisation: Organisation, public_id: str) -> Initiative:
    return get_in_organisation(
        Initiative.objects.select_related("lead", "organisation"),
        organisation=organisation,
        public_id=public_id,
        not_found=NOT_HERE,
    )


def initiative_has_form(*, initiative: Initiative, code: str) -> bool:
    """Whether the initiative carries that form of co-production (a youth budget round needs
    co-prioritisation)."""
    return initiative.forms.filter(code=code).exists()


def initiative_for_update(*, initiative: Initiative) -> Initiative:
    """The initiative's row again, locked until the transaction ends (services only)."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def initiative_public_get(*, public_id: str) -> Initiative:
    """An initiative anyone may read: one that has opened."""
    found = (
        _with_forms(Initiative.objects.select_related("organisation", "lead"))
        .exclude(stage=Initiative.Stage.PLANNING)
        .filter(public_id=public_id)
        .first()
    )
    if found is None:
        raise NotFound(NOT_PUBLIC)
    return found


def initiatives_public(*, organisation: Organisation) -> QuerySet[Initiative]:
    """What the public may see of an organisation's initiatives: every one that has opened."""
    return (
        _with_forms(Initiative.objects.for_organisation(organisation))
        .exclude(stage=Initiative.Stage.PLANNING)
        .order_by("-opened_at", "-pk")
    )


# The one rule for what young people can take part in (and give their ideas to) now.
TAKING_PART = Initiative.Stage.OPEN


def initiatives_taking_part(*, organisation: Organisation) -> QuerySet[Initiative]:
    """Initiatives young people can join now: those open, soonest ending first."""
    return (
        _with_forms(Initiative.objects.for_organisation(organisation))
        .filter(stage=TAKING_PART)
        .order_by("ends_on", "-opened_at", "-pk")
    )


def coproduction_forms() -> QuerySet[CoproductionForm]:
    return CoproductionForm.objects.order_by("order")


def checklist_questions() -> list[ChecklistQuestion]:
    return list(ChecklistQuestion.objects.order_by("order"))


def checklist_question_get(*, code: str) -> ChecklistQuestion:
    question = ChecklistQuestion.objects.filter(code=code).first()
    if question is None:
        raise NotFound("There is no checklist question at this address.")
    return question


def checklist_answers(*, initiative: Initiative) -> dict[int, ChecklistAnswer]:
    """The initiative's answers, by question id."""
    answers = cast(
        "QuerySet[ChecklistAnswer]", ChecklistAnswer.objects.filter(initiative=initiative)
    )
    return {answer.question_id: answer for answer in answers}


def team_of(*, initiative: Initiative) -> list[TeamMember]:
    team = TeamMember.objects.filter(initiative=initiative).select_related("person")
    return list(cast("QuerySet[TeamMember]", team.order_by("pk")))


def team_member_get(*, organisation: Organisation, initiative: Initiative, pk: int) -> TeamMember:
    return get_in_organisation(
        cast(
            "TenantQuerySet[TeamMember]",
            TeamMember.objects.select_related("person").filter(initiative=initiative),
        ),
        organisation=organisation,
        pk=pk,
        not_found="That person is not on this initiative's team.",
    )


def team_candidates(*, organisation: Organisation, initiative: Initiative) -> QuerySet[Person]:
    """Members of the organisation who are not on the team yet, by display name."""
    return (
        Person.objects.for_organisation(organisation)
        .filter(erased_at__isnull=True)
        .exclude(pk__in=TeamMember.objects.filter(initiative=initiative).values("person_id"))
        .order_by("display_name", "pk")
    )


def is_member(*, organisation: Organisation, person: Person) -> bool:
    return Membership.objects.filter(organisation=organisation, person=person).exists()


def lead_choices(*, organisation: Organisation) -> QuerySet[Person]:
    """Who may lead an initiative: the organisation's professionals."""
    return (
        Person.objects.for_organisation(organisation)
        .filter(kind=Person.Kind.PROFESSIONAL, erased_at__isnull=True)
        .order_by("display_name", "pk")
    )


def partner_choices(*, organisation: Organisation) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(pk=organisation.pk).order_by("name")


@dataclass
class SetupProgress:
    """How far an initiative's set-up has got: a section is done or not started."""

    questions: int
    answered: int
    team: int
    missing: list[Missing]
    done: dict[str, bool] = field(default_factory=dict)

    @property
    def can_open(self) -> bool:
        return not self.missing


def setup_progress(*, initiative: Initiative) -> SetupProgress:
    """What the task list shows, in three queries however big the team or checklist."""
    questions = ChecklistQuestion.objects.count()
    counts = Initiative.objects.filter(pk=initiative.pk).aggregate(
        answered=Count("checklist_answers", distinct=True),
        team=Count("team", distinct=True),
    )
    forms = initiative.forms.count()
    answered, team = counts["answered"], counts["team"]
    missing = missing_before_open(
        questions=questions,
        answered=answered,
        decision_maker=initiative.decision_maker,
        scope_for_influence=initiative.scope_for_influence,
    )
    done = {
        "about": bool(initiative.title and initiative.purpose),
        "forms": forms > 0,
        "decision": bool(
            initiative.decision_fed.strip()
            and initiative.decision_maker.strip()
            and initiative.scope_for_influence.strip()
            and initiative.how_to_take_part.strip()
        ),
        "dates": initiative.starts_on is not None and initiative.ends_on is not None,
        "team": team > 0,
        "checklist": answered >= questions,
        "ladder": initiative.claimed_rung is not None,
        "moderation": initiative.moderation_chosen_at is not None,
    }
    return SetupProgress(
        questions=questions, answered=answered, team=team, missing=missing, done=done
    )


def public_team(*, initiative: Initiative) -> list[tuple[str, str]]:
    """(role title, name) for the public page: a professional's display name, never a young
    person's (or anyone else's who is not staff)."""
    return [
        (
            member.role_title,
            member.person.display_name if member.person.kind == Person.Kind.PROFESSIONAL else "",
        )
        for member in team_of(initiative=initiative)
    ]


# Sessions and attendance (initiatives/services/sessions.py) -----------------------------------
# The sessions part adds its reads below this line.


def initiatives_open_in(*, organisations: list[Organisation], limit: int = 20) -> list[Initiative]:
    """Open initiatives across the organisations a young person takes part in, for their home
    page: one query however many organisations, soonest ending first."""
    if not organisations:
        return []
    return list(
        Initiative.objects.filter(organisation__in=organisations, stage=TAKING_PART)
        .select_related("organisation")
        .order_by("ends_on", "-opened_at", "-pk")[:limit]
    )
