"""Every list page paginates the same way, and renders GOV.UK pagination."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PER_PAGE) -> Page[Any]:
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def pagination_params(request: HttpRequest, page: Page[Any]) -> dict[str, Any] | None:
    """Parameters for the govukPagination macro, keeping the page's other query parameters."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return "?" + urlencode(sorted(query.items()))

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if not isinstance(number, int):  # the ellipsis between page ranges
            items.append({"ellipsis": True})
        else:
            items.append(
                {"number": number, "href": href(int(number)), "current": number == page.number}
            )
    params: dict[str, Any] = {"items": items}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params
