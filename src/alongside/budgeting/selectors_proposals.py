"""Reads for ideas, proposals and the feasibility panel, each within one round.

Ideas are the voice domain's contributions: read through its selectors, published ones only
wherever the public or young people see them, never with an author's name.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch, QuerySet, Sum

from alongside.accounts.models import Membership, Organisation, Person
from alongside.accounts.roles import Role
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
from alongside.core.errors import NotFound
from alongside.voice import selectors as voice_selectors
from alongside.voice.models import Contribution

Stage = Round.Stage
Status = Proposal.Status

# Proposals are written, and checked, while ideas come in and while the panel sits.
WRITING_STAGES = frozenset({Stage.IDEAS, Stage.FEASIBILITY})
# Until voting opens the ballot paper may still change: a check reopened by mistake can be
# recorded again, and a proposal withdrawn. No new proposal is sent once writing stops, so a
# check after that is always one reopened (or one the panel had not reached).
BEFORE_VOTING = frozenset(
    {Stage.SETUP, Stage.RULES, Stage.IDEAS, Stage.FEASIBILITY, Stage.PROPOSALS}
)
CHECKING_STAGES = WRITING_STAGES | {Stage.PROPOSALS}
WITHDRAWING_STAGES = BEFORE_VOTING
# The panel is put together before it sits, and may change while it does.
PANEL_STAGES = frozenset({Stage.SETUP, Stage.RULES, Stage.IDEAS, Stage.FEASIBILITY})
# Who may sit on a panel: those who may check (core/policy), that is staff and young people.
PANEL_ROLES = frozenset({Role.ORG_ADMIN, Role.WORKER, Role.COMMISSIONER, Role.YOUNG_PERSON})

PROPOSAL_NOT_HERE = "That project is not part of this round."
IDEAS_SHOWN_WHEN_CHOOSING = 200


# Ideas ------------------------------------------------------------------------------------


def round_ideas(*, round_: Round) -> QuerySet[Contribution]:
    """The round's published ideas, newest first: what the public page shows and what a
    proposal may be made from."""
    return voice_selectors.published_contributions(round_.organisation, round_.initiative).filter(
        kind=Contribution.Kind.IDEA
    )


def ideas_to_choose(*, round_: Round, chosen: list[Any]) -> list[Contribution]:
    """The newest ideas to offer on a proposal's form, and any already chosen beyond them."""
    newest = list(round_ideas(round_=round_)[:IDEAS_SHOWN_WHEN_CHOOSING])
    shown = {idea.public_id for idea in newest}
    missing = [public_id for public_id in chosen if public_id not in shown]
    if missing:
        newest += list(round_ideas(round_=round_).filter(public_id__in=missing))
    return newest


def ideas_chosen(*, round_: Round, public_ids: list[Any]) -> list[Contribution]:
    return list(round_ideas(round_=round_).filter(public_id__in=public_ids))


def _idea_ids(proposals: list[Proposal]) -> dict[int, list[int]]:
    through = Proposal.ideas.through.objects.filter(proposal__in=proposals).order_by("pk")
    ids: dict[int, list[int]] = defaultdict(list)
    for proposal_id, contribution_id in through.values_list("proposal_id", "contribution_id"):
        ids[proposal_id].append(contribution_id)
    return ids


def published_ideas_by_proposal(
    *, round_: Round, proposals: list[Proposal]
) -> dict[int, list[Contribution]]:
    """Each proposal's ideas that are still published (an idea hidden or taken back since is
    left out), in two queries whatever the number of proposals."""
    ids = _idea_ids(proposals)
    wanted = {pk for pks in ids.values() for pk in pks}
    found = round_ideas(round_=round_).filter(pk__in=wanted).in_bulk() if wanted else {}
    return {
        proposal.pk: [found[pk] for pk in ids.get(proposal.pk, []) if pk in found]
        for proposal in proposals
    }


def staff_ideas_of(*, proposal: Proposal) -> list[Contribution]:
    """Every idea a proposal came from, whatever has happened to it since (for staff)."""
    ids = _idea_ids([proposal]).get(proposal.pk, [])
    found = (
        voice_selectors.contributions_for_staff(organisation=proposal.round.organisation)
        .filter(pk__in=ids)
        .in_bulk()
    )
    return [found[pk] for pk in ids if pk in found]


def idea_public_ids(*, proposal: Proposal) -> list[Any]:
    return list(proposal.ideas.order_by("pk").values_list("public_id", flat=True))


# Proposals --------------------------------------------------------------------------------


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("round", "round__organisation", "area", "lead")


def proposals_for_staff(
    *, round_: Round, status: str = "", area: Area | None = None
) -> QuerySet[Proposal]:
    proposals = _proposals().filter(round=round_)
    if status:
        proposals = proposals.filter(status=status)
    if area is not None:
        proposals = proposals.filter(area=area)
    return proposals.order_by("number")


def proposal_get(*, round_: Round, public_id: Any) -> Proposal:
    found = _proposals().filter(round=round_, public_id=public_id).first()
    if found is None:
        raise NotFound(PROPOSAL_NOT_HERE)
    return found


def proposal_locked(*, proposal: Proposal) -> Proposal:
    return _proposals().select_for_update(of=("self",)).get(pk=proposal.pk)


def proposals_of_person(*, round_: Round, person: Person) -> QuerySet[Proposal]:
    """What a young person wrote or leads in this round."""
    mine = _proposals().filter(round=round_)
    return (mine.filter(created_by=person) | mine.filter(lead=person)).order_by("number")


def next_number(*, round_: Round) -> int:
    """Call with the round's row locked, so two new proposals cannot take one number."""
    highest = Proposal.objects.filter(round=round_).order_by("-number").first()
    return 1 if highest is None else highest.number + 1


def status_counts(*, round_: Round) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for status in Proposal.objects.filter(round=round_).values_list("status", flat=True):
        counts[status] += 1
    return counts


# What the public projects page lists: each status it shows, in its order.
PUBLIC_STATUSES = (Status.FEASIBLE, Status.NOT_FEASIBLE, Status.WITHDRAWN)


def public_proposals(*, round_: Round, status: str) -> QuerySet[Proposal]:
    """Proposals the public may read about: going forward to the vote, not going forward, or
    withdrawn. Only those going forward show their photos, so only they read them."""
    proposals = Proposal.objects.filter(round=round_, status=status).select_related("area")
    if status == Status.FEASIBLE:
        proposals = proposals.prefetch_related(
            Prefetch("photos", queryset=ProposalPhoto.objects.order_by("pk"))
        )
    return proposals.order_by("number")


def public_counts(*, round_: Round) -> dict[str, int]:
    """How many proposals each public list has, by status."""
    counts = status_counts(round_=round_)
    return {status: counts[status] for status in PUBLIC_STATUSES}


# Costs and photos ---------------------------------------------------------------------------


def cost_lines_of(*, proposal: Proposal) -> list[CostLine]:
    return list(CostLine.objects.filter(proposal=proposal).order_by("pk"))


def cost_line_get(*, proposal: Proposal, pk: int) -> CostLine | None:
    return CostLine.objects.filter(proposal=proposal, pk=pk).first()


def cost_line_by_key(*, idempotency_key: Any) -> CostLine | None:
    return CostLine.objects.filter(idempotency_key=idempotency_key).first()


def cost_sum(*, proposal: Proposal) -> int:
    total = CostLine.objects.filter(proposal=proposal).aggregate(total=Sum("pence"))["total"]
    return int(total or 0)


def photos_of(*, proposal: Proposal) -> list[ProposalPhoto]:
    return list(ProposalPhoto.objects.filter(proposal=proposal).order_by("pk"))


def photo_count(*, proposal: Proposal) -> int:
    return ProposalPhoto.objects.filter(proposal=proposal).count()


def photo_get(*, proposal: Proposal, pk: int) -> ProposalPhoto:
    found = ProposalPhoto.objects.filter(proposal=proposal, pk=pk).first()
    if found is None:
        raise NotFound("That photo is not part of this project.")
    return found


def public_photo_get(*, round_: Round, proposal_id: Any, pk: int) -> ProposalPhoto:
    """A photo the public may see: of a proposal going forward to the vote, and no other."""
    found = ProposalPhoto.objects.filter(
        pk=pk,
        proposal__public_id=proposal_id,
        proposal__round=round_,
        proposal__status=Status.FEASIBLE,
    ).first()
    if found is None:
        raise NotFound("There is no photo at this address.")
    return found


# People -----------------------------------------------------------------------------------


def members_named(
    *, organisation: Organisation, name: str, roles: frozenset[str] | None = None
) -> list[Person]:
    """Members of the organisation with this display name, any case (at most 2 read: enough to
    tell "nobody", "this one" and "more than one" apart)."""
    members = Membership.objects.for_organisation(organisation)
    if roles is not None:
        members = members.filter(role__in=roles)
    return list(
        Person.objects.filter(
            pk__in=members.values("person_id"),
            display_name__iexact=name.strip(),
            erased_at__isnull=True,
        ).order_by("pk")[:2]
    )


def roles_here(*, organisation: Organisation, person: Person) -> frozenset[str]:
    return frozenset(
        Membership.objects.for_organisation(organisation)
        .filter(person=person)
        .values_list("role", flat=True)
    )


# The panel --------------------------------------------------------------------------------


def _young_people_of(round_: Round) -> QuerySet[Membership, int]:
    return Membership.objects.filter(
        organisation_id=round_.organisation_id, role=Role.YOUNG_PERSON
    ).values_list("person_id", flat=True)


def panel_of(*, round_: Round) -> list[PanelMember]:
    """The panel now, each member marked ``is_young_person``, in name order."""
    members = list(
        PanelMember.objects.filter(round=round_, removed_at__isnull=True)
        .select_related("person")
        .order_by("person__display_name", "pk")
    )
    young = set(
        PanelMember.objects.filter(
            round=round_, removed_at__isnull=True, person_id__in=_young_people_of(round_)
        ).values_list("pk", flat=True)
    )
    for member in members:
        member.is_young_person = member.pk in young  # type: ignore[attr-defined]
    return members


def panel_young_people(*, round_: Round) -> int:
    return PanelMember.objects.filter(
        round=round_, removed_at__isnull=True, person_id__in=_young_people_of(round_)
    ).count()


def panel_member_of(*, round_: Round, person: Person | None) -> PanelMember | None:
    """The person's place on the panel now, or None."""
    if person is None:
        return None
    return PanelMember.objects.filter(round=round_, person=person, removed_at__isnull=True).first()


def panel_member_ever(*, round_: Round, person: Person) -> PanelMember | None:
    """Their row, even if they were taken off (adding them again brings it back)."""
    return PanelMember.objects.filter(round=round_, person=person).first()


def panel_member_get(*, round_: Round, pk: int) -> PanelMember:
    found = (
        PanelMember.objects.filter(round=round_, pk=pk, removed_at__isnull=True)
        .select_related("person")
        .first()
    )
    if found is None:
        raise NotFound("That person is not on this round's panel.")
    return found


def conflict_of(*, member: PanelMember, proposal: Proposal) -> ConflictOfInterest | None:
    return ConflictOfInterest.objects.filter(member=member, proposal=proposal).first()


def conflicts_on(*, proposal: Proposal) -> list[ConflictOfInterest]:
    return list(
        ConflictOfInterest.objects.filter(proposal=proposal)
        .select_related("member__person")
        .order_by("pk")
    )


def conflicted_proposal_ids(*, member: PanelMember | None) -> set[int]:
    if member is None:
        return set()
    return set(
        ConflictOfInterest.objects.filter(member=member).values_list("proposal_id", flat=True)
    )


def check_of(*, proposal: Proposal) -> FeasibilityCheck | None:
    return FeasibilityCheck.objects.filter(proposal=proposal).select_related("checked_by").first()


def proposals_for_panel(*, round_: Round) -> QuerySet[Proposal]:
    """What the panel works on: sent to be checked first, then those it has checked."""
    return (
        _proposals()
        .filter(round=round_, status__in=[Status.SUBMITTED, Status.FEASIBLE, Status.NOT_FEASIBLE])
        .order_by("-status", "number")
    )
