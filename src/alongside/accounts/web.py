"""How an HTML view asks the policy. Every domain's views use these, so access is decided the
same way everywhere: find the organisation, ask the policy, then render or refuse."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alongside.accounts import selectors
from alongside.accounts.actor import Actor
from alongside.accounts.models import Organisation
from alongside.core.errors import ApplicationError, NotFound, NotPermitted, RateLimited
from alongside.core.policy import Action, Scope

View = TypeVar("View", bound=Callable[..., HttpResponse])

GET_POST = require_http_methods(["GET", "POST"])


class Request(HttpRequest):
    """What our middleware and ``requires`` add to every request, for the type checker."""

    actor: Actor
    organisation: Organisation


def requires(action: Action) -> Callable[[View], View]:
    """Guard a view with one policy action.

    Organisation-scoped views take an ``org`` slug from the URL; the organisation is put on
    ``request.organisation``. Anonymous visitors are sent to sign in; signed-in people without
    the role get a 403 page. The action is kept on the view for the permission matrix test.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
            actor = request.actor
            if action.scope is Scope.ORGANISATION:
                # A page found through something of the organisation's (a round's public id)
                # passes the organisation it already loaded; others name it in the address.
                organisation = kwargs.get("organisation")
                if organisation is None:
                    try:
                        organisation = selectors.organisation_get(slug=kwargs.pop("org"))
                    except NotFound as error:
                        raise Http404(error.message) from error
                request.organisation = organisation
                kwargs["organisation"] = organisation
            if action.scope is not Scope.PUBLIC and not actor.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not actor.can(action, kwargs.get("organisation")):
                raise PermissionDenied("You do not have permission to see this page.")
            try:
                return view(request, *args, **kwargs)
            except NotFound as error:
                raise Http404(error.message) from error
            except NotPermitted as error:
                raise PermissionDenied(error.message) from error

        wrapper.alongside_action = action  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def apply_to_form(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: on its field if it names one, else at the top."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


TOO_MANY_TRIES = "You have tried too many times. Wait a few minutes, then try again."


def client_address(request: HttpRequest) -> str:
    """The visitor's address as the rate limits see it (behind ``TRUSTED_PROXY_COUNT`` proxies)."""
    return str(get_adapter(request).get_client_ip(request))


def check_rate(
    request: HttpRequest, action: str, *, key: str | None = None, message: str = TOO_MANY_TRIES
) -> None:
    """Slow down guessing (limits in settings.ACCOUNT_RATE_LIMITS).

    ``key`` is what the action's ``/key`` rates count per. Never a name or address alone: a
    stranger could then lock a named child out, or one youth club's wifi a whole room.
    """
    if not ratelimit.consume(request, action=action, key=key):
        raise RateLimited(message)


def check_rate_per_account(
    request: HttpRequest, action: str, *, login: str, message: str = TOO_MANY_TRIES
) -> None:
    """Limit tries at one account: per (account, address) first, then, more slowly, per account.

    Only tries the first limit let through count towards the second, so one address alone can
    never use up an account's allowance and lock its owner out elsewhere.
    """
    login = login.strip().lower()
    check_rate(request, action, key=f"{login}|{client_address(request)}", message=message)
    check_rate(request, f"{action}_account", key=login, message=message)


def bound_form(form_class: type[forms.Form], request: HttpRequest, **kwargs: Any) -> Any:
    """Bind on POST even when the posted form is empty (``request.POST or None`` would not)."""
    if request.method == "POST":
        return form_class(request.POST, **kwargs)
    return form_class(**kwargs)


class ConfirmForm(forms.Form):
    """A page whose only question is "are you sure?": the button is the answer."""


def one_time_secret_page(
    request: Request,
    organisation: Organisation,
    person_id: str,
    template: str,
    title: str,
    act: Any,
) -> HttpResponse:
    """Shared shape of 'confirm, then show a one-time secret' pages (codes and links)."""
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    form = bound_form(ConfirmForm, request)
    context: dict[str, Any] = {
        "form": form,
        "title": title,
        "organisation": organisation,
        "person": person,
    }
    if request.method == "POST" and form.is_valid():
        try:
            context["secret"] = act(person)
        except ApplicationError as error:
            apply_to_form(form, error)
    return render(request, template, context)


def form_page(
    request: HttpRequest,
    form: forms.Form,
    template: str,
    context: dict[str, Any],
    on_valid: Callable[[dict[str, Any]], HttpResponse],
) -> HttpResponse:
    """The shape of every question and confirm page. On a valid POST, ``on_valid`` gets the
    cleaned data, calls one service and says where to go next; a service's refusal is shown on
    the form (its transaction rolled back, so nothing is half-saved) and the page shown again."""
    if request.method == "POST" and form.is_valid():
        try:
            return on_valid(form.cleaned_data)
        except ApplicationError as error:
            apply_to_form(form, error)
    return render(request, template, {"form": form, **context})


def done(request: HttpRequest, message: str, to: str, *args: Any) -> HttpResponse:
    """Say what happened, in a banner on the next page, and go there."""
    messages.success(request, message)
    return redirect(to, *args)
