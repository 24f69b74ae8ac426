"""Pagination for every API list: ninja's page-number pagination, 50 to a page.

A list answers ``{"items": [...], "count": N}``; ask for more with ``?page=2`` (and up to
100 to a page with ``?page_size=``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema, pagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
# Far past any real list, and small enough that its offset fits every database's integers
# (page=10**20 used to overflow SQLite and PostgreSQL: a 500 instead of an answer).
MAX_PAGE = 1_000_000

M = TypeVar("M", bound=Model)
R = TypeVar("R")


class PageNumberPagination(pagination.PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)

    def __init__(
        self, page_size: int = PAGE_SIZE, max_page_size: int = MAX_PAGE_SIZE, **kwargs: Any
    ) -> None:
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)


class PageRows(Generic[M, R]):
    """A queryset whose page, once cut, is turned into rows by ``build`` in one go.

    ``build`` gets the whole page, so it can load what each row needs (roles, consent) in a
    fixed number of queries instead of one or more per row. Ninja counts with ``.all()`` and
    cuts the page with a slice; that is all this offers it.
    """

    def __init__(self, queryset: QuerySet[M], build: Callable[[list[M]], list[R]]) -> None:
        self.queryset = queryset
        self.build = build

    def all(self) -> QuerySet[M]:
        return self.queryset.all()

    def __getitem__(self, page: slice) -> Sequence[R]:
        return self.build(list(self.queryset[page]))
