"""Organisation pages for staff: the organisation's home, people, staff invitations and roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from alongside.accounts import ages, forms, rules, selectors, services
from alongside.accounts.models import Consent, Organisation
from alongside.accounts.roles import Role
from alongside.accounts.web import (
    GET_POST,
    ConfirmForm,
    Request,
    apply_to_form,
    bound_form,
    done,
    form_page,
    requires,
)
from alongside.core.errors import ApplicationError
from alongside.govuk.pagination import paginate, pagination_params

# Organisation pages (staff) -------------------------------------------------------------------


@requires(rules.STAFF_DASHBOARD)
def organisation_home(request: Request, organisation: Organisation) -> HttpResponse:
    return render(
        request,
        "accounts/organisation_home.html",
        {
            "title": organisation.name,
            "organisation": organisation,
            "summary": selectors.organisation_summary(organisation=organisation),
            "roles": [r for r in Role if r in request.actor.held_roles_in(organisation.pk)],
        },
    )


@requires(rules.PEOPLE_VIEW)
def person_list(request: Request, organisation: Organisation) -> HttpResponse:
    filters = forms.PeopleFilterForm(request.GET)
    filters.is_valid()
    people = selectors.people_for_organisation(
        organisation=organisation,
        role=filters.cleaned_data.get("role", ""),
        search=filters.cleaned_data.get("q", ""),
        awaiting_parental_consent=filters.cleaned_data.get("waiting", False),
        deletion_requested=filters.cleaned_data.get("deletion", False),
    )
    page = paginate(request, people)
    rows = list(page.object_list)
    return render(
        request,
        "accounts/person_list.html",
        {
            "title": _("People"),
            "organisation": organisation,
            "filters": filters,
            "page": page,
            "people": rows,
            "roles": selectors.roles_by_person(organisation=organisation, people=rows),
            "consented": selectors.consented_people(organisation=organisation, people=rows),
            "pagination": pagination_params(request, page),
        },
    )


@GET_POST
@requires(rules.PERSON_CREATE)
def person_create(request: Request, organisation: Organisation) -> HttpResponse:
    def create(data: dict[str, Any]) -> HttpResponse:
        person = services.person_create_offline(
            actor=request.actor, organisation=organisation, **data
        )
        return done(
            request,
            _("%(name)s has been added.") % {"name": person.display_name},
            "accounts:person-detail",
            organisation.slug,
            person.public_id,
        )

    return form_page(
        request,
        bound_form(forms.OfflinePersonForm, request),
        "accounts/person_create.html",
        {"title": _("Add someone who takes part offline"), "organisation": organisation},
        create,
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def staff_invite(request: Request, organisation: Organisation) -> HttpResponse:
    form = bound_form(forms.StaffInviteForm, request)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.staff_invite(
                actor=request.actor,
                organisation=organisation,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            # The same words whoever the address belongs to, or whether it has an account.
            messages.success(
                request,
                _("We have sent an invitation to %(email)s. They get the role when they accept it.")
                % {"email": invitation.email},
            )
            return redirect("accounts:person-list", organisation.slug)
    return render(
        request,
        "accounts/staff_invite.html",
        {
            "form": form,
            "title": _("Invite a member of staff"),
            "organisation": organisation,
            "waiting": selectors.staff_invitations_waiting(organisation=organisation)[:50],
        },
    )


@GET_POST
@requires(rules.STAFF_INVITATION_ACCEPT)
def staff_invitation(request: Request, token: str) -> HttpResponse:
    """Accept an invitation: choose a passphrase for a new account, or, signed in, take the role."""
    try:
        invitation = services.staff_invitation_get(token=token)
    except ApplicationError as error:
        return render(
            request,
            "accounts/message.html",
            {"title": _("This invitation does not work"), "message": error.message},
            status=404,
        )
    # Whoever holds the link can read the address's own mailbox, so this may depend on it.
    new_account = selectors.account_for_email(invitation.email) is None
    if not new_account and not request.actor.is_authenticated:
        return render(
            request,
            "accounts/staff_invitation_sign_in.html",
            {"title": _("Sign in to accept your invitation"), "invitation": invitation},
        )
    form_class = forms.StaffInvitationPasswordForm if new_account else ConfirmForm
    form = bound_form(form_class, request)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_invitation_accept(
                token=token,
                actor=request.actor,
                password=form.cleaned_data.get("password1", ""),
            )
        except ApplicationError as error:
            apply_to_form(form, error)
        else:
            if new_account:
                messages.success(
                    request,
                    _("Your account is ready. Sign in with your email address and new passphrase."),
                )
                return redirect("account_login")
            messages.success(
                request,
                _("You are now %(role)s in %(organisation)s.")
                % {
                    "role": invitation.get_role_display(),
                    "organisation": invitation.organisation.name,
                },
            )
            return redirect("accounts:organisation-home", invitation.organisation.slug)
    return render(
        request,
        "accounts/staff_invitation.html",
        {
            "form": form,
            "title": _("Accept your invitation"),
            "invitation": invitation,
            "new_account": new_account,
        },
    )


@requires(rules.PEOPLE_VIEW)
def person_detail(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    actor = request.actor
    person = selectors.person_get(organisation=organisation, public_id=person_id)
    services.person_record_view(actor=actor, organisation=organisation, person=person)
    consents = list(selectors.consents_of(organisation=organisation, person=person))
    return render(
        request,
        "accounts/person_detail.html",
        {
            "title": person.display_name,
            "organisation": organisation,
            "person": person,
            "memberships": selectors.memberships_of(organisation=organisation, person=person),
            "consents": consents,
            "takes_part": any(
                c.purpose == Consent.Purpose.TAKE_PART
                and c.is_active
                and ages.consent_counts(
                    needs_parental_consent=person.needs_parental_consent,
                    given_by_self=c.given_by == Consent.GivenBy.SELF,
                )
                for c in consents
            ),
        },
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def person_role_grant(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)

    def grant(data: dict[str, Any]) -> HttpResponse:
        services.membership_grant(
            actor=request.actor, organisation=organisation, person=person, role=data["role"]
        )
        return done(
            request, _("Role given."), "accounts:person-detail", organisation.slug, person.public_id
        )

    return form_page(
        request,
        bound_form(forms.RoleGrantForm, request),
        "accounts/person_role_grant.html",
        {"title": _("Give a role"), "organisation": organisation, "person": person},
        grant,
    )


@GET_POST
@requires(rules.YOUTH_OFFER_EXTEND)
def person_youth_offer(
    request: Request, organisation: Organisation, person_id: str
) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)

    def save(data: dict[str, Any]) -> HttpResponse:
        services.person_youth_offer_extend(
            actor=request.actor,
            organisation=organisation,
            person=person,
            extended=data["extended"] == "yes",
        )
        return done(
            request,
            _("Youth offer saved."),
            "accounts:person-detail",
            organisation.slug,
            person.public_id,
        )

    return form_page(
        request,
        bound_form(
            forms.YouthOfferForm,
            request,
            initial={"extended": "yes" if person.youth_offer_extended else "no"},
        ),
        "accounts/person_youth_offer.html",
        {"title": _("Youth offer until 25"), "organisation": organisation, "person": person},
        save,
    )


@GET_POST
@requires(rules.PERSON_ERASE)
def person_erase(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)

    def erase(data: dict[str, Any]) -> HttpResponse:
        services.person_erase(actor=request.actor, organisation=organisation, person=person)
        return done(
            request,
            _("The account and its personal details have been deleted."),
            "accounts:person-list",
            organisation.slug,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/person_erase.html",
        {"title": _("Delete this account"), "organisation": organisation, "person": person},
        erase,
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def person_remove(request: Request, organisation: Organisation, person_id: str) -> HttpResponse:
    person = selectors.person_get(organisation=organisation, public_id=person_id)

    def remove(data: dict[str, Any]) -> HttpResponse:
        services.person_remove_from_organisation(
            actor=request.actor, organisation=organisation, person=person
        )
        message = _("%(name)s has been removed from %(organisation)s.") % {
            "name": person.display_name,
            "organisation": organisation.name,
        }
        if person.pk == request.actor.person_id:
            return done(request, message, "home:index")  # they left: its pages are closed to them
        return done(request, message, "accounts:person-list", organisation.slug)

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/person_remove.html",
        {
            "title": _("Remove from the organisation"),
            "organisation": organisation,
            "person": person,
            "memberships": selectors.memberships_of(organisation=organisation, person=person),
        },
        remove,
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def membership_revoke(request: Request, organisation: Organisation, pk: int) -> HttpResponse:
    membership = selectors.membership_get(organisation=organisation, pk=pk)

    def revoke(data: dict[str, Any]) -> HttpResponse:
        services.membership_revoke(
            actor=request.actor, organisation=organisation, membership=membership
        )
        return done(
            request,
            _("Role taken away."),
            "accounts:person-detail",
            organisation.slug,
            membership.person.public_id,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/membership_revoke.html",
        {"title": _("Take away a role"), "organisation": organisation, "membership": membership},
        revoke,
    )


# Organisation settings (admins) -----------------------------------------------------------------


@GET_POST
@requires(rules.ORGANISATION_SETTINGS)
def organisation_youth_offer(request: Request, organisation: Organisation) -> HttpResponse:
    def check(data: dict[str, Any]) -> HttpResponse:
        return redirect(
            "accounts:organisation-youth-offer-confirm", organisation.slug, data["upper_age"]
        )

    return form_page(
        request,
        bound_form(
            forms.OrganisationYouthOfferForm,
            request,
            initial={"upper_age": organisation.youth_offer_upper_age},
        ),
        "accounts/organisation_youth_offer.html",
        {"title": _("Youth offer age"), "organisation": organisation},
        check,
    )


@GET_POST
@requires(rules.ORGANISATION_SETTINGS)
def organisation_youth_offer_confirm(
    request: Request, organisation: Organisation, upper_age: int
) -> HttpResponse:
    if not ages.LOWEST_YOUTH_OFFER_UPPER_AGE <= upper_age <= ages.EXTENDED_YOUTH_OFFER_UPPER_AGE:
        return redirect("accounts:organisation-youth-offer", organisation.slug)

    def change(data: dict[str, Any]) -> HttpResponse:
        moved = services.organisation_youth_offer_set(
            actor=request.actor, organisation=organisation, upper_age=upper_age
        )
        message = _("Young people now take part here until they are %(age)s.") % {"age": upper_age}
        if moved:
            message += " " + _("%(count)s are now community members.") % {"count": moved}
        return done(request, message, "accounts:organisation-home", organisation.slug)

    moving = 0
    if upper_age < organisation.youth_offer_upper_age:
        moving = selectors.young_people_past_youth_offer(
            organisation=organisation, upper_age=upper_age
        ).count()
    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/organisation_youth_offer_confirm.html",
        {
            "title": _("Change the youth offer age to %(age)s?") % {"age": upper_age},
            "organisation": organisation,
            "upper_age": upper_age,
            "moving": moving,
        },
        change,
    )


@GET_POST
@requires(rules.MEMBERSHIP_MANAGE)
def staff_invitation_cancel(
    request: Request, organisation: Organisation, invitation_id: int
) -> HttpResponse:
    invitation = selectors.staff_invitation_waiting_get(
        organisation=organisation, invitation_id=invitation_id
    )

    def cancel(data: dict[str, Any]) -> HttpResponse:
        services.staff_invitation_cancel(
            actor=request.actor, organisation=organisation, invitation_id=invitation.pk
        )
        return done(
            request,
            _("The invitation to %(email)s is cancelled. Its link no longer works.")
            % {"email": invitation.email},
            "accounts:staff-invite",
            organisation.slug,
        )

    return form_page(
        request,
        bound_form(ConfirmForm, request),
        "accounts/staff_invitation_cancel.html",
        {
            "title": _("Cancel this invitation?"),
            "organisation": organisation,
            "invitation": invitation,
        },
        cancel,
    )
