"""Staff invitations: a role in an organisation, given only when the person the email was sent
to accepts it through its link. The inviter learns nothing about the address: whether it has an
account, or whose, changes what the email says, never what the inviter sees."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from alongside.accounts import codes, selectors, tasks
from alongside.accounts.actor import Actor, require
from alongside.accounts.models import Membership, Organisation, Person, StaffInvitation, User
from alongside.accounts.roles import EMAIL_SIGNIN_ROLES
from alongside.accounts.rules import MEMBERSHIP_MANAGE
from alongside.accounts.services.people import staff_account_create
from alongside.core.audit import Target, audit_record
from alongside.core.errors import Conflict, NotPermitted, ValidationFailed

# How long an ended invitation (its name and address) is kept before `alongside people purge`.
INVITATION_KEPT_DAYS = 90

INVITATION_DOES_NOT_WORK = (
    "This invitation does not work. It may have been used already or be too old. "
    "Ask the person who invited you to send a new one."
)


@transaction.atomic
def staff_invite(
    *,
    actor: Actor,
    organisation: Organisation,
    display_name: str,
    email: str,
    role: str,
    base_url: str,
) -> StaffInvitation:
    """Invite someone to a staff role by email; nothing is given until they accept.

    Inviting the same address to the same role again replaces the earlier invitation (whose
    link then stops working); two admins doing so at the same moment make one invitation.
    """
    require(actor, MEMBERSHIP_MANAGE, organisation)
    display_name = display_name.strip()
    if not display_name:
        raise ValidationFailed("Enter their name.", field="display_name")
    email = email.strip().lower()
    if not email:
        raise ValidationFailed("Enter their work email address.", field="email")
    if role not in EMAIL_SIGNIN_ROLES:
        raise ValidationFailed("Select a staff role.", field="role")
    now = timezone.now()
    StaffInvitation.objects.filter(
        organisation=organisation, email__iexact=email, role=role, used_at__isnull=True
    ).update(used_at=now, updated_at=now)
    try:
        with transaction.atomic():
            invitation = StaffInvitation.objects.create(
                organisation=organisation,
                email=email,
                display_name=display_name,
                role=role,
                expires_at=now + dt.timedelta(days=settings.ALONGSIDE_STAFF_INVITATION_DAYS),
                created_by=actor.person,
            )
    except IntegrityError:  # another admin invited the same address to the same role just now
        return StaffInvitation.objects.get(
            organisation=organisation, email__iexact=email, role=role, used_at__isnull=True
        )
    audit_record(
        action="accounts.staff.invite",
        summary=f"Staff member invited with role {role}",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=invitation,
    )
    invitation_id = invitation.pk
    transaction.on_commit(
        lambda: tasks.staff_invitation_send.enqueue(invitation_id=invitation_id, base_url=base_url)
    )
    return invitation


def staff_invitation_get(*, token: str) -> StaffInvitation:
    invitation = (
        StaffInvitation.objects.select_related("organisation")
        .filter(token_hash=codes.digest(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise ValidationFailed(INVITATION_DOES_NOT_WORK)
    return invitation


@transaction.atomic
def staff_invitation_accept(*, token: str, actor: Actor, password: str = "") -> Person:
    """Take the role the invitation offers, as whoever the address belongs to.

    With no account for the address, this makes one, with ``password``: opening the link shows
    the address is theirs, so it is verified. With a staff account, only that account, signed
    in, can accept. A young person's or parent's address is never made a member of staff.
    """
    invitation = (
        StaffInvitation.objects.select_for_update()
        .select_related("organisation")
        .filter(token_hash=codes.digest(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise ValidationFailed(INVITATION_DOES_NOT_WORK)
    user = selectors.account_for_email(invitation.email)
    if user is None:
        if actor.is_authenticated:
            raise NotPermitted(
                "This invitation is for a new account. Sign out, then open the link again."
            )
        try:
            candidate = User(username=invitation.email, email=invitation.email)
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise ValidationFailed(" ".join(error.messages), field="password1") from error
        person = staff_account_create(
            email=invitation.email,
            display_name=invitation.display_name,
            password=password,
            created_by=invitation.created_by,
        )
    elif not selectors.is_staff_account(user):
        raise ValidationFailed(INVITATION_DOES_NOT_WORK)
    else:
        person = user.person
        if actor.person_id != person.pk:
            raise NotPermitted(
                "This invitation is for a different account. Sign out, then sign in with the "
                "email address it was sent to."
            )
    Membership.objects.get_or_create(
        person=person, organisation=invitation.organisation, role=invitation.role
    )
    invitation.used_at = timezone.now()
    invitation.accepted_by = person
    invitation.save(update_fields=["used_at", "accepted_by", "updated_at"])
    audit_record(
        action="accounts.staff.invitation_accept",
        summary=f"Invitation accepted: role {invitation.role} given",
        actor_id=person.pk,
        organisation_id=invitation.organisation_id,
        target=person,
        data={"invitation": invitation.pk},
    )
    return person


@transaction.atomic
def staff_invitation_cancel(
    *, actor: Actor, organisation: Organisation, invitation_id: int
) -> StaffInvitation:
    """Take back an invitation nobody has accepted yet: its link stops working at once, and an
    email not yet sent is never sent (the task sends only invitations still waiting)."""
    require(actor, MEMBERSHIP_MANAGE, organisation)
    now = timezone.now()
    # The guard in the UPDATE decides: an invitation accepted a moment ago stays accepted.
    cancelled = (
        StaffInvitation.objects.for_organisation(organisation)
        .filter(pk=invitation_id, used_at__isnull=True)
        .update(used_at=now, cancelled_at=now, updated_at=now)
    )
    if not cancelled:
        raise Conflict(
            "This invitation cannot be cancelled: it has been accepted, replaced or cancelled "
            "already."
        )
    audit_record(
        action="accounts.staff.invitation_cancel",
        summary="Invitation to a staff role cancelled before it was accepted",
        actor_id=actor.person_id,
        organisation_id=organisation.pk,
        target=Target("accounts.staffinvitation", str(invitation_id)),
    )
    return StaffInvitation.objects.get(pk=invitation_id)


def staff_invitations_purge(*, older_than_days: int = INVITATION_KEPT_DAYS) -> int:
    """Delete invitations that ended (accepted, replaced, cancelled or expired) more than
    ``older_than_days`` ago: the name and address they hold are not needed any longer. The
    audit trail keeps that each was sent, by id. Returns how many were deleted."""
    cutoff = timezone.now() - dt.timedelta(days=older_than_days)
    ended = StaffInvitation.objects.filter(Q(used_at__lt=cutoff) | Q(expires_at__lt=cutoff))
    deleted = 0
    for organisation_id in ended.values_list("organisation_id", flat=True).distinct():
        with transaction.atomic():
            count, _ = ended.filter(organisation_id=organisation_id).delete()
            audit_record(
                action="accounts.staff.invitations_purge",
                summary=f"{count} ended staff invitations deleted after {older_than_days} days",
                organisation_id=organisation_id,
                data={"count": count},
            )
            deleted += count
    return deleted
