"""Reads for polling stations, paper ballots and turnout, each within one round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from alongside.accounts import selectors as people
from alongside.accounts.models import Person
from alongside.accounts.roles import Role
from alongside.budgeting.models import Ballot, PaperEntry, Participation, PollingStation, Round
from alongside.core.errors import NotFound

NO_STATION = "There is no polling station at this address."
NO_PAPER = "There is no paper ballot at this address."


def stations_of(*, round_: Round) -> QuerySet[PollingStation]:
    return PollingStation.objects.filter(round=round_).select_related("area", "opened_by")


def station_get(*, round_: Round, station_id: int) -> PollingStation:
    found = (
        PollingStation.objects.select_related("area", "round__organisation")
        .filter(round=round_, pk=station_id)
        .first()
    )
    if found is None:
        raise NotFound(NO_STATION)
    return found


def station_locked(*, station: PollingStation) -> PollingStation:
    return PollingStation.objects.select_for_update().get(pk=station.pk)


def station_key_shared(*, station: PollingStation) -> PollingStation:
    """The station as committed now, held until this transaction ends, for a check-in or a
    paper typed in there (as ``selectors.round_key_shared`` holds the round for a ballot).

    On PostgreSQL a key-share lock: check-ins do not wait for each other, but cancelling or
    closing the station (``station_locked``, FOR UPDATE) waits for those in flight, and one
    arriving meanwhile waits and then reads the station cancelled or closed. SQLite lets one
    transaction write at a time, so a plain read is enough there."""
    if connection.vendor != "postgresql":
        return PollingStation.objects.get(pk=station.pk)
    table = connection.ops.quote_name(PollingStation._meta.db_table)
    return PollingStation.objects.raw(
        f"SELECT * FROM {table} WHERE id = %s FOR KEY SHARE",  # noqa: S608
        [station.pk],
    )[0]


def station_is_open(station: PollingStation, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return station.cancelled_at is None and station.opens_at <= now < station.closes_at


def station_used(*, station: PollingStation) -> bool:
    """Whether anyone was checked in or a paper ballot typed in here (two small queries)."""
    return (
        Participation.objects.filter(polling_station=station).exists()
        or PaperEntry.objects.filter(polling_station=station).exists()
    )


@dataclass(frozen=True)
class StationCounts:
    on_tablet: int
    """Checked in to vote on the tablet."""
    voted_on_tablet: int
    handed_paper: int
    papers_entered: int
    papers_confirmed: int
    papers_held: int
    papers_spoilt: int

    @property
    def more_papers_than_handed(self) -> bool:
        return self.papers_entered > self.handed_paper


def station_counts(*, station: PollingStation) -> StationCounts:
    """Three queries, however many voted there."""
    checked_in = dict(
        Participation.objects.filter(polling_station=station)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    voted = Ballot.objects.filter(
        participation__polling_station=station, channel=Ballot.Channel.KIOSK
    ).count()
    papers = dict(
        PaperEntry.objects.filter(polling_station=station)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return StationCounts(
        on_tablet=checked_in.get(Participation.Channel.KIOSK, 0),
        voted_on_tablet=voted,
        handed_paper=checked_in.get(Participation.Channel.PAPER, 0),
        papers_entered=sum(papers.values()),
        papers_confirmed=papers.get(PaperEntry.Status.COUNTED, 0),
        papers_held=papers.get(PaperEntry.Status.HELD, 0),
        papers_spoilt=papers.get(PaperEntry.Status.SPOILT, 0),
    )


# Checking in ----------------------------------------------------------------------------------


def young_people_to_check_in(*, round_: Round, search: str) -> QuerySet[Person]:
    """Young people of the round's organisation whose display name has ``search`` in it."""
    return people.people_for_organisation(
        organisation=round_.organisation, role=Role.YOUNG_PERSON, search=search
    ).filter(erased_at__isnull=True)


def participations_of(*, round_: Round, people: list[Person]) -> dict[int, Participation]:
    """Each person's participation in the round (if any), with ``has_ballot`` on it."""
    found = Participation.objects.filter(round=round_, person__in=people).annotate(
        has_ballot=Exists(Ballot.objects.filter(participation=OuterRef("pk")))
    )
    return {participation.person_id: participation for participation in found}


def kiosk_participation(*, station: PollingStation, pk: object) -> Participation | None:
    """The voter checked in to this station's tablet, with ``has_ballot`` on it."""
    if not isinstance(pk, int):
        return None
    return (
        Participation.objects.select_related("person", "area", "round", "polling_station")
        .filter(
            pk=pk,
            round_id=station.round_id,
            polling_station=station,
            channel=Participation.Channel.KIOSK,
        )
        .annotate(has_ballot=Exists(Ballot.objects.filter(participation=OuterRef("pk"))))
        .first()
    )


def participation_at(*, station: PollingStation, person: Person) -> Participation | None:
    return (
        Participation.objects.filter(round_id=station.round_id, person=person)
        .annotate(has_ballot=Exists(Ballot.objects.filter(participation=OuterRef("pk"))))
        .first()
    )


# Paper ballots --------------------------------------------------------------------------------


def papers_to_confirm(*, round_: Round, person: Person) -> QuerySet[PaperEntry]:
    """Papers waiting for a second worker that ``person`` did not enter, oldest first."""
    return (
        PaperEntry.objects.filter(round=round_, status=PaperEntry.Status.WAITING)
        .exclude(entered_by=person)
        .select_related("polling_station")
        .order_by("created_at", "pk")
    )


def papers_waiting_entered_by(*, round_: Round, person: Person) -> int:
    return PaperEntry.objects.filter(
        round=round_, status=PaperEntry.Status.WAITING, entered_by=person
    ).count()


def held_papers(*, round_: Round) -> QuerySet[PaperEntry]:
    return (
        PaperEntry.objects.filter(round=round_, status=PaperEntry.Status.HELD)
        .select_related("polling_station")
        .order_by("created_at", "pk")
    )


def paper_entry_get(*, round_: Round, entry_id: int) -> PaperEntry:
    found = (
        PaperEntry.objects.select_related(
            "polling_station", "area", "entered_by", "confirmed_by", "resolved_by"
        )
        .filter(round=round_, pk=entry_id)
        .first()
    )
    if found is None:
        raise NotFound(NO_PAPER)
    return found


def paper_entry_locked(*, entry: PaperEntry) -> PaperEntry:
    return (
        PaperEntry.objects.select_for_update(of=("self",)).select_related("ballot").get(pk=entry.pk)
    )


# Turnout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turnout:
    total: int
    by_age_band: dict[str, int]
    by_area: dict[int | None, int]
    by_channel: dict[str, int]


def turnout(*, round_: Round) -> Turnout:
    """Who has voted, counted from the register (three queries, however many voted)."""
    voters = Participation.objects.filter(round=round_)
    bands = dict(
        voters.values_list("age_band").annotate(n=Count("pk")).values_list("age_band", "n")
    )
    areas: dict[int | None, int] = dict(
        voters.values_list("area").annotate(n=Count("pk")).values_list("area", "n")
    )
    channels = dict(
        voters.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n")
    )
    return Turnout(total=sum(bands.values()), by_age_band=bands, by_area=areas, by_channel=channels)


def eligible_count(*, round_: Round) -> int | None:
    """Young people of the organisation of the round's ages on the day voting closes (one
    query), or None before that day is set. Areas are not counted: nobody's area is known
    until they vote."""
    if round_.voting_closes_at is None:
        return None
    day = timezone.localtime(round_.voting_closes_at).date()
    # Age on ``day`` from month and year of birth (accounts.ages.age_on): whole years, one
    # fewer while the birth month is still to come.
    oldest_year = day.year - round_.min_age  # the latest birth that is old enough
    youngest_year = day.year - round_.max_age - 1  # the earliest birth still young enough
    old_enough = Q(birth_year__lt=oldest_year) | Q(
        birth_year=oldest_year, birth_month__lte=day.month
    )
    young_enough = Q(birth_year__gt=youngest_year) | Q(
        birth_year=youngest_year, birth_month__gt=day.month
    )
    return (
        young_people_to_check_in(round_=round_, search="")
        .filter(kind=Person.Kind.YOUNG_PERSON, birth_month__isnull=False)
        .filter(old_enough & young_enough)
        .count()
    )
