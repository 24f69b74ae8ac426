"""The one NinjaAPI: ``/api/v1/``, its schema at ``/api/v1/openapi.json``.

There is no Swagger page: it would load its scripts from a CDN, which our content security
policy and offline installations forbid. Read ``docs/api.md``, or load the schema into a tool.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from alongside.accounts.api import router as accounts_router
from alongside.accounts.api_auth import ApiTokenAuth
from alongside.api import errors
from alongside.budgeting.api import router as rounds_router  # youth budget rounds (issue 14)
from alongside.initiatives.api import router as initiatives_router
from alongside.voice.api_answers import router as answers_router  # Themes and answers
from alongside.voice.api_contributions import router as contributions_router

DESCRIPTION = """\
Read and add to Alongside's data from other systems.

Send an API token as `Authorization: Bearer <token>`. An organisation admin makes tokens on
the organisation's *API tokens* page. A token acts as the admin who made it, in that one
organisation only. Refusals are RFC 9457 problems (`application/problem+json`).
"""


class AlongsideAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _problems_as_problem_json(schema)
        return schema


def _problems_as_problem_json(schema: OpenAPISchema) -> None:
    """Ninja describes every response as ``application/json``; refusals are problem+json."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(status).startswith(("4", "5")) and "application/json" in content:
                    content[errors.PROBLEM_CONTENT_TYPE] = content.pop("application/json")


api = AlongsideAPI(
    title="Alongside API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
    auth=ApiTokenAuth(),
)
errors.register(api)
api.add_router("", accounts_router)
api.add_router("", initiatives_router)  # initiatives (issue 13)
api.add_router("", contributions_router)
api.add_router("", answers_router)  # Themes and answers
api.add_router("", "alongside.decisions.api.router")  # decisions: the board feed and decisions
api.add_router("", "alongside.budgeting.api_voting.router")  # youth budgets: voting from a device
api.add_router("", "alongside.budgeting.api_results.router")  # budgeting: results, re-count
api.add_router("", rounds_router)  # youth budget rounds (issue 14): rounds and their settings
api.add_router("", "alongside.governance.api.router")  # boards, public meetings, votes
api.add_router("", "alongside.credits.api.router")  # time credits: your own, and balances
