"""Background work for accounts, run by `alongside worker` (django-tasks, database backend).

Services enqueue these with ``transaction.on_commit`` so nothing is sent for a change that
was rolled back.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from alongside.accounts import codes
from alongside.accounts.models import ParentConsentRequest
from alongside.core.audit import audit_record
from alongside.core.text import render_text


@task()
def parent_consent_email_send(request_id: int, base_url: str) -> None:
    """Make the link's secret and email it in one transaction: if sending fails, nothing
    changes and the task can run again."""
    with transaction.atomic():
        consent_request = (
            ParentConsentRequest.objects.select_for_update()
            .select_related("person", "organisation")
            .get(pk=request_id)
        )
        if consent_request.token_hash or not consent_request.send_to:
            return  # already sent
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
