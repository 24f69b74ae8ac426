"""What every polling-station page needs: the round and the station from the address, and
whether the station is open."""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import Organisation
from alongside.budgeting import selectors
from alongside.budgeting import selectors_stations as stations
from alongside.budgeting.models import PollingStation, Round


def round_of(organisation: Organisation, round_id: uuid.UUID) -> Round:
    return selectors.round_get(organisation=organisation, public_id=str(round_id))


def station_of(organisation: Organisation, round_id: uuid.UUID, station_id: int) -> PollingStation:
    return stations.station_get(round_=round_of(organisation, round_id), station_id=station_id)


def station_state(station: PollingStation) -> str:
    """'open', 'not_yet', 'closed' or 'cancelled', for the tag each station page shows."""
    if station.cancelled_at is not None:
        return "cancelled"
    now = timezone.now()
    if stations.station_is_open(station, now):
        return "open"
    return "not_yet" if station.opens_at > now else "closed"


def station_url(name: str, organisation: Organisation, station: PollingStation) -> str:
    return reverse(name, args=[organisation.slug, station.round.public_id, station.pk])
