from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from alongside.accounts import rules, selectors
from alongside.accounts.models import Consent, Organisation, Person
from alongside.accounts.roles import PARTICIPANT_ROLES, Role
from alongside.accounts.web import Request, requires
from alongside.api import errors as api_errors
from alongside.budgeting import navigation as budgeting_navigation  # youth budget rounds
from alongside.credits import rules as credits_rules  # time credits (issue 16)
from alongside.governance import selectors as governance_selectors  # boards (issue 15)
from alongside.home import demo_mail as mail_store
from alongside.initiatives import selectors as initiatives_selectors

# safeguarding (issue 13)
from alongside.safeguarding import rules as safeguarding_rules
from alongside.safeguarding import selectors as safeguarding_selectors

# end safeguarding
# Themes and answers
from alongside.voice import rules as voice_rules
from alongside.voice import selectors_answers as voice_answers

# Error pages under this prefix answer as the API does (problem+json), not with HTML.
API_PREFIX = "/api/"


@dataclass(frozen=True)
class OrganisationPanel:
    """One organisation on a staff member's home page: their roles there and its counts."""

    organisation: Organisation
    roles: list[str]
    summary: selectors.OrganisationSummary
    # Themes and answers: contributions waiting too long for an answer (workers and admins).
    overdue: int | None = None


@dataclass(frozen=True)
class ConsentsForChild:
    """What a parent agreed to for one child in one organisation."""

    child: Person
    organisation: Organisation
    consents: list[Consent]


def _by_child(consents: Iterable[Consent]) -> list[ConsentsForChild]:
    groups: dict[tuple[int, int], ConsentsForChild] = {}
    for consent in consents:
        key = (consent.person_id, consent.organisation_id)
        if key not in groups:
            groups[key] = ConsentsForChild(consent.person, consent.organisation, [])
        groups[key].consents.append(consent)
    return list(groups.values())


@requires(rules.PAGE_VIEW)
def index(request: Request) -> HttpResponse:
    actor = request.actor
    person = actor.person
    if person is None:
        return render(
            request,
            "home/index_anonymous.html",
            {"title": _("Have your say on the services you use")},
        )
    staff_organisations = actor.organisations_where(rules.STAFF_DASHBOARD)
    # Themes and answers: one grouped count for every organisation where they answer.
    answering = {o.pk for o in staff_organisations if actor.can(voice_rules.ANSWER_GIVE, o)}
    overdue = voice_answers.overdue_counts(
        organisations=[o for o in staff_organisations if o.pk in answering]
    )
    staff_panels = [
        OrganisationPanel(
            organisation=organisation,
            roles=[role for role in Role if role in actor.held_roles_in(organisation.pk)],
            summary=selectors.organisation_summary(organisation=organisation),
            overdue=overdue.get(organisation.pk, 0) if organisation.pk in answering else None,
        )
        for organisation in staff_organisations
    ]
    is_parent = person.kind == Person.Kind.PARENT_CARER or any(
        Role.PARENT_CARER in actor.held_roles_in(o.pk) for o in actor.organisations
    )
    consents_given = _by_child(selectors.consents_given_for_others(person=person))
    # safeguarding (issue 13): how many concerns wait for a lead, in one query (none if not one).
    safeguarding_waiting = safeguarding_selectors.waiting_for_leads(
        organisations=actor.organisations_where(safeguarding_rules.CONCERN_HANDLE)
    )
    # end safeguarding
    taking_part_in = [o for o in actor.organisations if actor.roles_in(o.pk) & PARTICIPANT_ROLES]
    return render(
        request,
        "home/index.html",
        {
            "title": _("Home"),
            "person": person,
            "staff_panels": staff_panels,
            "taking_part_in": taking_part_in,
            "open_initiatives": initiatives_selectors.initiatives_open_in(
                organisations=taking_part_in
            ),
            # Youth budget rounds (issue 14): votes open to them now.
            "open_votes": budgeting_navigation.votes_open_to(
                person=person, organisations=taking_part_in, now=timezone.now()
            ),
            # Boards (issue 15): the boards they sit on, each with its next meeting.
            "board_seats": governance_selectors.seats_held_by(person=person, now=timezone.now()),
            # Time credits (issue 16): a reward partner's one page, in each organisation.
            "voucher_checks": actor.organisations_where(credits_rules.VOUCHER_CHECK),
            "waiting": actor.awaiting_consent_in(),
            "belongs_anywhere": bool(actor.organisations),
            "show_consents_given": is_parent or bool(consents_given),
            "consents_given": consents_given,
            "safeguarding_waiting": safeguarding_waiting,  # safeguarding (issue 13)
            # Themes and answers
            "answer_within": voice_answers.answer_within_working_days(),
        },
    )


@never_cache
@requires(rules.PAGE_VIEW)
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: is the database reachable and fully migrated?"""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if not pending else f"{len(pending)} not applied"
    except DatabaseError:
        checks["database"] = "unreachable"
    healthy = all(value == "ok" for value in checks.values()) and "migrations" in checks
    return JsonResponse(
        {"status": "ok" if healthy else "unhealthy", "checks": checks},
        status=200 if healthy else 503,
    )


@requires(rules.PAGE_VIEW)
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch between English and Welsh with a plain link.

    A link rather than Django's POST form keeps pages free of cookies until someone chooses.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


@requires(rules.PAGE_VIEW)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "home/privacy.html", {"title": _("Privacy notice")})


@requires(rules.PAGE_VIEW)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.html", {"title": _("Accessibility statement")})


@requires(rules.PAGE_VIEW)
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "home/cookies.html", {"title": _("Cookies")})


@requires(rules.PAGE_VIEW)
def demo_mail(request: HttpRequest) -> HttpResponse:
    """The demo's inbox: every email the demo sent. Routed in demo and test modes only."""
    return render(
        request,
        "home/demo_mail.html",
        {"title": _("Emails the demo has sent"), "messages_sent": mail_store.demo_mail()},
    )


def error_page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(request, "home/error.html", {"title": title, "message": message}, status=status)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def too_large(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return api_errors.too_large(request, RequestDataTooBig())
    return error_page(
        request,
        413,
        _("What you sent is too large"),
        _(
            "Go back and send less: shorten what you typed, or split it into parts. "
            "Nothing you sent has been saved."
        ),
    )


def bad_address(request: HttpRequest) -> HttpResponse:
    """A web address with a character no page uses (a NUL) is refused before any view."""
    if _is_api(request):
        return api_errors.problem_response(
            kind=api_errors.BAD_REQUEST,
            status=400,
            detail="The address has a NUL character (%00) in it. Remove it and try again.",
        )
    return error_page(
        request,
        400,
        _("Sorry, there is a problem"),
        _(
            "The web address has a character in it that we cannot accept. "
            "If you pasted it, check you copied it correctly."
        ),
    )


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django answers a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a 400; it is a 413.
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return too_large(request)
    return error_page(
        request,
        400,
        _("Sorry, there is a problem"),
        _("The request was not right. Go back and try again."),
    )


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        403,
        _("You cannot see this page"),
        _(
            "Your account does not let you do this here. "
            "If you think it should, ask your organisation's admin."
        ),
    )


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(
        request,
        404,
        _("Page not found"),
        _(
            "If you typed the web address, check it is correct. "
            "If you pasted it, check you copied all of it."
        ),
    )


def handler500(request: HttpRequest) -> HttpResponse:
    # No request context and no database: either may be what failed. The CSP nonce is only an
    # attribute the middleware put on the request; without it the page's one inline script
    # (GOV.UK's js-enabled class) is refused by the browser.
    nonce = getattr(request, "csp_nonce", None)
    page = get_template("home/server_error.html").render(
        {
            "cspNonce": str(nonce) if nonce is not None else "",
            "title": _("Sorry, there is a problem with the service"),
            "message": _(
                "Try again later. Nothing you sent has been lost if you saw a confirmation page."
            ),
        }
    )
    return HttpResponse(page, status=500)
