"""Reads every domain's selectors share."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from alongside.core.errors import NotFound
from alongside.core.models import TenantQuerySet

_M = TypeVar("_M", bound=models.Model)


def get_in_organisation(
    source: type[_M] | TenantQuerySet[_M],
    /,
    *,
    organisation: Any,
    not_found: str,
    **lookup: Any,
) -> _M:
    """The one row matching ``lookup`` within ``organisation``, or ``NotFound``.

    An id from another organisation is answered exactly as an id that does not exist, so a
    page never confirms what another organisation holds. ``source`` is a model whose default
    manager is organisation-scoped, or such a queryset (to add ``select_related`` and the like).
    """
    queryset = source._default_manager.all() if isinstance(source, type) else source
    if not isinstance(queryset, TenantQuerySet):
        raise TypeError(f"{queryset.model.__name__} rows are not scoped to an organisation.")
    found: _M | None = queryset.for_organisation(organisation).filter(**lookup).first()
    if found is None:
        raise NotFound(not_found)
    return found
