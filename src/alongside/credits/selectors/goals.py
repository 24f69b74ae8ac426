"""Goals on "My credits": rewards shown as goals (credits held against their cost) and
milestones (hours given in all, against the milestone). Facts with a bar, never a nudge: no
countdown, no streak, nothing that expires (Children's Code standard 13)."""

from __future__ import annotations

from dataclasses import dataclass

from alongside.credits.models import WHOLE_ORGANISATION, GroupHours, Milestone, Reward

GOALS_SHOWN = 6


@dataclass(frozen=True)
class Goal:
    name: str
    target: int
    reached: int
    # "reward": credits held against its cost; "milestone": hours given against the mark.
    kind: str

    @property
    def percent(self) -> int:
        return min(100, self.reached * 100 // self.target) if self.target else 100

    @property
    def done(self) -> bool:
        return self.reached >= self.target


def given_in_all(*, organisation_id: int, person_id: int) -> int:
    """Minutes the person has given to the organisation in all (credited or not)."""
    given = (
        GroupHours.objects.filter(
            organisation_id=organisation_id, person_id=person_id, group_key=WHOLE_ORGANISATION
        )
        .values_list("minutes_given", flat=True)
        .first()
    )
    return given or 0


def goals_for(*, organisation_id: int, person_id: int, balance: int) -> list[Goal]:
    given = given_in_all(organisation_id=organisation_id, person_id=person_id)
    rewards = Reward.objects.filter(
        organisation_id=organisation_id, is_goal=True, withdrawn_at__isnull=True
    ).only("name", "cost_minutes")[:GOALS_SHOWN]
    milestones = Milestone.objects.filter(organisation_id=organisation_id).only("name", "minutes")[
        :GOALS_SHOWN
    ]
    goals = [Goal(m.name, m.minutes, min(given, m.minutes), "milestone") for m in milestones]
    goals += [Goal(r.name, r.cost_minutes, min(balance, r.cost_minutes), "reward") for r in rewards]
    return goals
