"""Every change to accounts data goes through a function here.

Each is keyword-only, typed, runs in one transaction and writes its audit event in that same
transaction, so a change and its record stand or fall together. Views, the API, commands and
tasks call these; none of them saves a model itself. One module per sub-area; this package
is the surface other domains call.
"""

from alongside.accounts.services.access import (
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    email_address_verify,
    reset_code_create,
    reset_code_redeem,
    sign_in_failed_record,
    sign_in_record,
    sign_out_record,
)
from alongside.accounts.services.consent import (
    consent_record_from_form,
    consent_withdraw,
    parent_consent_email_request,
    parent_consent_give,
    parent_consent_link_create,
    parent_consent_refusal,
    parent_consent_request_get,
)
from alongside.accounts.services.growing_up import (
    age_out_due,
    aged_out_told,
    organisation_youth_offer_set,
    own_consent_asked,
    own_consent_give,
    people_age_out,
    person_age_out,
    person_youth_offer_extend,
)
from alongside.accounts.services.invitations import (
    staff_invitation_accept,
    staff_invitation_cancel,
    staff_invitation_get,
    staff_invitations_purge,
    staff_invite,
)
from alongside.accounts.services.joining import (
    INVALID_CODE,
    KIND_TO_ROLE,
    join_code_check,
    join_code_create,
    join_code_redeem,
    join_code_revoke,
    passphrase_check,
    username_check,
)
from alongside.accounts.services.memberships import (
    membership_grant,
    membership_revoke,
    person_remove_from_organisation,
)
from alongside.accounts.services.people import (
    ERASED_NAME,
    organisation_create,
    person_create_offline,
    person_erase,
    person_export_data,
    person_record_view,
    person_request_deletion,
    staff_person_create,
)

__all__ = [
    "ERASED_NAME",
    "INVALID_CODE",
    "KIND_TO_ROLE",
    "age_out_due",
    "aged_out_told",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "consent_record_from_form",
    "consent_withdraw",
    "email_address_verify",
    "join_code_check",
    "join_code_create",
    "join_code_redeem",
    "join_code_revoke",
    "membership_grant",
    "membership_revoke",
    "organisation_create",
    "organisation_youth_offer_set",
    "own_consent_asked",
    "own_consent_give",
    "parent_consent_email_request",
    "parent_consent_give",
    "parent_consent_link_create",
    "parent_consent_refusal",
    "parent_consent_request_get",
    "passphrase_check",
    "people_age_out",
    "person_age_out",
    "person_create_offline",
    "person_erase",
    "person_export_data",
    "person_record_view",
    "person_remove_from_organisation",
    "person_request_deletion",
    "person_youth_offer_extend",
    "reset_code_create",
    "reset_code_redeem",
    "sign_in_failed_record",
    "sign_in_record",
    "sign_out_record",
    "staff_invitation_accept",
    "staff_invitation_cancel",
    "staff_invitation_get",
    "staff_invitations_purge",
    "staff_invite",
    "staff_person_create",
    "username_check",
]
