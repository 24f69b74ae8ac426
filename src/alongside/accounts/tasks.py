"""Background work for accounts, run by `alongside worker` (django-tasks, database backend).

Services enqueue these with ``transaction.on_commit`` so nothing is sent for a change that
was rolled back.
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.accounts import codes
from alongside.accounts.models import Organisation, ParentConsentRequest, Person
from alongside.core.audit import audit_record
from alongside.core.text import render_text


@task()
def parent_consent_email_send(request_id: int, base_url: str) -> None:
    """Make the link's secret and email it in one transaction: if sending fails, nothing
    changes and the task can run again."""
    with transaction.atomic():
        consent_request = (
            ParentConsentRequest.objects.select_for_update(of=("self",))
            .select_related("person", "organisation")
            .filter(pk=request_id)
            .first()
        )
        # The queue outlives what it points to: by the time this runs the child may have been
        # erased, the request cancelled, or the link used or expired.
        if (
            consent_request is None
            or consent_request.token_hash
            or not consent_request.send_to
            or consent_request.cancelled_at
            or consent_request.used_at
            or consent_request.expires_at <= timezone.now()
            or consent_request.person.erased_at
        ):
            return
        token = codes.new_token()
        recipient = consent_request.send_to
        consent_request.token_hash = codes.digest(token)
        consent_request.send_to = ""
        consent_request.save(update_fields=["token_hash", "send_to", "updated_at"])
        audit_record(
            action="accounts.consent.link_emailed",
            summary="Consent link emailed to a parent or carer",
            organisation_id=consent_request.organisation_id,
            target=consent_request.person,
        )
        send_mail(
            subject=_("Please agree to your child taking part in %(organisation)s")
            % {"organisation": consent_request.organisation.name},
            message=render_text(
                "accounts/email/parent_consent.txt",
                {
                    "consent_request": consent_request,
                    "link": f"{base_url.rstrip('/')}/consent/{token}/",
                },
            ),
            from_email=None,
            recipient_list=[recipient],
        )


@task()
def staff_invitation_email_send(person_id: int, organisation_id: int, base_url: str) -> None:
    """Email a new member of staff a link to choose their password.

    The link is django-allauth's password reset link: it works until the password is set or
    ``PASSWORD_RESET_TIMEOUT`` passes, and "Forgotten your password?" sends a fresh one.
    """
    person = Person.objects.select_related("user").filter(pk=person_id).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if person is None or organisation is None or person.erased_at:
        return  # erased or removed since the invitation was queued
    user = person.user
    if user is None or user.has_usable_password() or not user.email:
        return  # they have signed in already, or were erased
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    # Audited in the same transaction as the send: if sending fails, the task can run again.
    with transaction.atomic():
        audit_record(
            action="accounts.staff.invitation_emailed",
            summary="Invitation emailed to a new member of staff",
            organisation_id=organisation.pk,
            target=person,
        )
        send_mail(
            subject=_("You have been invited to %(organisation)s on Alongside")
            % {"organisation": organisation.name},
            message=render_text(
                "accounts/email/staff_invitation.txt",
                {
                    "person": person,
                    "organisation": organisation,
                    "link": f"{base_url.rstrip('/')}{path}",
                    "sign_in": f"{base_url.rstrip('/')}{reverse('account_login')}",
                },
            ),
            from_email=None,
            recipient_list=[user.email],
        )


@task()
def email_verification_send(email_address_id: int, base_url: str) -> None:
    """Mail a link that shows an address is its owner's (allauth's signed confirmation key).

    The key is signed, not stored, and lapses after ``ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS``;
    running twice sends a second link that works the same, so nothing is lost either way.
    """
    address = (
        EmailAddress.objects.select_related("user__person")
        .filter(pk=email_address_id, verified=False)
        .first()
    )
    if address is None:
        return  # verified meanwhile, or the account was erased
    key = EmailConfirmationHMAC(address).key
    link = f"{base_url.rstrip('/')}{reverse('accounts:email-verify', args=[key])}"
    person = getattr(address.user, "person", None)
    with transaction.atomic():
        audit_record(
            action="accounts.email.verification_emailed",
            summary="Link to check an email address sent",
            target=person,
        )
        send_mail(
            subject=_("Check this is your email address"),
            message=render_text("accounts/email/email_verification.txt", {"link": link}),
            from_email=None,
            recipient_list=[address.email],
        )
