"""An admin takes back an invitation nobody has accepted; ended invitations are deleted after 90
days, so a name and an address are not kept for nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from alongside.accounts import services
from alongside.accounts.actor import actor_for_person
from alongside.accounts.models import StaffInvitation
from alongside.accounts.roles import Role
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed
from alongside.core.models import AuditEvent
from tests.accounts.support import assert_trail_intact

pytestmark = pytest.mark.django_db


def _invite(organisation, admin, email="sam.patel@riverside.example") -> StaffInvitation:
    return services.staff_invite(
        actor=actor_for_person(admin),
        organisation=organisation,
        display_name="Sam Patel",
        email=email,
        role=Role.WORKER,
        base_url="http://testserver/",
    )


def test_a_cancelled_invitation_is_never_sent_and_its_link_does_not_work(organisation, admin):
    # Given an invitation whose email has not gone yet
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        invitation = _invite(organisation, admin)
    # When the admin cancels it
    services.staff_invitation_cancel(
        actor=actor_for_person(admin), organisation=organisation, invitation_id=invitation.pk
    )
    # Then the email task, run now, sends nothing, and nobody can accept it
    for callback in queued:
        callback()
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.cancelled_at is not None
    assert invitation.token_hash is None
    event = AuditEvent.objects.filter(action="accounts.staff.invitation_cancel").get()
    assert (event.object_type, event.object_id) == ("accounts.staffinvitation", str(invitation.pk))
    assert "sam" not in event.summary.lower()
    assert_trail_intact()


def test_a_sent_link_stops_working_once_cancelled(organisation, admin):
    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation = _invite(organisation, admin)
    token = re.search(r"/staff/invitation/(\S+)/", mail.outbox[0].body).group(1)
    services.staff_invitation_cancel(
        actor=actor_for_person(admin), organisation=organisation, invitation_id=invitation.pk
    )
    with pytest.raises(ValidationFailed, match="does not work"):
        services.staff_invitation_get(token=token)


def test_an_accepted_invitation_cannot_be_cancelled(organisation, admin, worker):
    invitation = _invite(organisation, admin)
    StaffInvitation.objects.filter(pk=invitation.pk).update(used_at=timezone.now())
    with pytest.raises(Conflict, match="cannot be cancelled"):
        services.staff_invitation_cancel(
            actor=actor_for_person(admin), organisation=organisation, invitation_id=invitation.pk
        )
    assert not AuditEvent.objects.filter(action="accounts.staff.invitation_cancel").exists()


def test_only_an_admin_can_cancel_and_another_organisations_is_not_theirs(
    organisation, admin, worker, other_organisation, person_with_role
):
    invitation = _invite(organisation, admin)
    with pytest.raises(NotPermitted):
        services.staff_invitation_cancel(
            actor=actor_for_person(worker), organisation=organisation, invitation_id=invitation.pk
        )
    outsider = person_with_role(Role.ORG_ADMIN, other_organisation)
    with pytest.raises(Conflict):
        services.staff_invitation_cancel(
            actor=actor_for_person(outsider),
            organisation=other_organisation,
            invitation_id=invitation.pk,
        )
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None


def test_the_invite_page_lists_waiting_invitations_with_a_way_to_cancel(
    client_for, organisation, admin
):
    invitation = _invite(organisation, admin)
    client = client_for(admin)
    page = client.get(reverse("accounts:staff-invite", args=[organisation.slug])).content.decode()
    cancel = reverse("accounts:staff-invitation-cancel", args=[organisation.slug, invitation.pk])
    assert cancel in page
    response = client.post(cancel, follow=True)
    assert (
        "The invitation to sam.patel@riverside.example is cancelled." in response.content.decode()
    )
    # And a second try finds nothing to cancel
    assert client.get(cancel).status_code == 404


def test_ended_invitations_are_deleted_after_90_days_and_waiting_ones_kept(organisation, admin):
    # Given one invitation that ended 100 days ago, one 10 days ago, and one still waiting
    old = _invite(organisation, admin, email="old@riverside.example")
    recent = _invite(organisation, admin, email="recent@riverside.example")
    waiting = _invite(organisation, admin, email="waiting@riverside.example")
    now = timezone.now()
    StaffInvitation.objects.filter(pk=old.pk).update(
        used_at=now - dt.timedelta(days=100), expires_at=now - dt.timedelta(days=95)
    )
    StaffInvitation.objects.filter(pk=recent.pk).update(used_at=now - dt.timedelta(days=10))
    # When the daily command runs
    call_command("people", "purge-invitations")
    # Then only the old one is gone, and the trail says how many went
    assert set(StaffInvitation.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    event = AuditEvent.objects.filter(action="accounts.staff.invitations_purge").get()
    assert event.data == {"count": 1}
