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

from alongside.accounts import codes, selectors
from alongside.accounts.models import ParentConsentRequest, StaffInvitation, User
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
def staff_invitation_send(invitation_id: int, base_url: str) -> None:
    """Email an invitation: a link to accept it, or, to an address that is a young person's or
    parent's, a note that nothing has changed.

    Which email goes is decided here, for the address's owner, never shown to the inviter; the
    audit trail says the same for both. Making the secret and sending happen in one transaction,
    so if sending fails nothing changes and the task can run again; once sent, it never resends.
    """
    with transaction.atomic():
        invitation = (
            StaffInvitation.objects.select_for_update()
            .select_related("organisation")
            .filter(pk=invitation_id, used_at__isnull=True, token_hash__isnull=True)
            .first()
        )
        if invitation is None:
            return  # sent already, replaced by a newer one, or accepted
        token = codes.new_token()
        invitation.token_hash = codes.digest(token)
        invitation.save(update_fields=["token_hash", "updated_at"])
        audit_record(
            action="accounts.staff.invitation_emailed",
            summary="Staff invitation emailed",
            organisation_id=invitation.organisation_id,
            target=invitation,
        )
        user = selectors.account_for_email(invitation.email)
        context = {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "link": f"{base_url.rstrip('/')}{reverse('accounts:staff-invitation', args=[token])}",
            "sign_in": f"{base_url.rstrip('/')}{reverse('account_login')}",
            "has_account": user is not None,
        }
        if user is not None and not selectors.is_staff_account(user):
            # The token made above is in nobody's hands: the invitation can never be accepted.
            template = "accounts/email/staff_invitation_refused.txt"
            subject = _("Someone tried to invite this email address to %(organisation)s")
        else:
            template = "accounts/email/staff_invitation.txt"
            subject = _("You have been invited to %(organisation)s on Alongside")
        send_mail(
            subject=subject % {"organisation": invitation.organisation.name},
            message=render_text(template, context),
            from_email=None,
            recipient_list=[invitation.email],
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


@task()
def password_reset_email_send(user_id: int, email: str, base_url: str) -> None:
    """Mail a link to choose a new passphrase or password, to a checked address only.

    Sent from here, not inside the request, so that asking for a known address takes no longer
    than asking for an unknown one. The link's key is made here too (allauth's token, which
    stops working once the password changes), so no secret waits in the task queue.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    context = {"password_reset_url": f"{base_url.rstrip('/')}{path}", "username": user.username}
    send_mail(
        subject=render_text("account/email/password_reset_key_subject.txt", context).strip(),
        message=render_text("account/email/password_reset_key_message.txt", context),
        from_email=None,
        recipient_list=[email],
    )
