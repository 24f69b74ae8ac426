from django.urls import path

from alongside.accounts.views import access, audit, consent, joining, my_account, people

app_name = "accounts"

urlpatterns = [
    # Joining with a code, one question per page.
    path("join/", joining.join_code, name="join-code"),
    path("join/username/", joining.join_username, name="join-username"),
    path("join/passphrase/", joining.join_passphrase, name="join-passphrase"),
    path("join/birth/", joining.join_birth, name="join-birth"),
    path("join/email/", joining.join_email, name="join-email"),
    path("join/agree/", joining.join_consent, name="join-consent"),
    path("join/done/", joining.join_done, name="join-done"),
    path("consent/<str:token>/", consent.parent_consent, name="parent-consent"),
    path("reset/", access.reset_with_code, name="reset-with-code"),
    path("email/verify/<str:key>/", access.email_verify, name="email-verify"),
    path("staff/invitation/<str:token>/", people.staff_invitation, name="staff-invitation"),
    # My account.
    path("account/", my_account.my_account, name="my-account"),
    path("account/data.json", my_account.my_data, name="my-data"),
    path(
        "account/consents/<int:pk>/withdraw/",
        my_account.my_consent_withdraw,
        name="my-consent-withdraw",
    ),
    path(
        "account/child-consents/<int:pk>/withdraw/",
        my_account.child_consent_withdraw,
        name="child-consent-withdraw",
    ),
    path("account/delete/", my_account.my_deletion, name="my-deletion"),
    path("account/your-own-consent/", my_account.own_consent, name="own-consent"),
    path("account/community-member/", my_account.community_member, name="community-member"),
    # Organisation pages for staff.
    path("orgs/<slug:org>/", people.organisation_home, name="organisation-home"),
    path(
        "orgs/<slug:org>/settings/youth-offer/",
        people.organisation_youth_offer,
        name="organisation-youth-offer",
    ),
    path(
        "orgs/<slug:org>/settings/youth-offer/<int:upper_age>/",
        people.organisation_youth_offer_confirm,
        name="organisation-youth-offer-confirm",
    ),
    path("orgs/<slug:org>/people/", people.person_list, name="person-list"),
    path("orgs/<slug:org>/people/new/", people.person_create, name="person-create"),
    path("orgs/<slug:org>/staff/invite/", people.staff_invite, name="staff-invite"),
    path(
        "orgs/<slug:org>/staff/invitations/<int:invitation_id>/cancel/",
        people.staff_invitation_cancel,
        name="staff-invitation-cancel",
    ),
    path("orgs/<slug:org>/people/<uuid:person_id>/", people.person_detail, name="person-detail"),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent/",
        consent.person_consent_record,
        name="person-consent-record",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent-link/",
        consent.person_consent_link,
        name="person-consent-link",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent-email/",
        consent.person_consent_email,
        name="person-consent-email",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/claim-code/",
        access.person_claim_code,
        name="person-claim-code",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/reset-code/",
        access.person_reset_code,
        name="person-reset-code",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/youth-offer/",
        people.person_youth_offer,
        name="person-youth-offer",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/roles/new/",
        people.person_role_grant,
        name="person-role-grant",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/remove/",
        people.person_remove,
        name="person-remove",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/delete/",
        people.person_erase,
        name="person-erase",
    ),
    path(
        "orgs/<slug:org>/roles/<int:pk>/remove/", people.membership_revoke, name="membership-revoke"
    ),
    path(
        "orgs/<slug:org>/consents/<int:pk>/withdraw/",
        consent.consent_withdraw,
        name="consent-withdraw",
    ),
    path("orgs/<slug:org>/join-codes/", joining.join_code_list, name="join-code-list"),
    path("orgs/<slug:org>/join-codes/new/", joining.join_code_create, name="join-code-create"),
    path(
        "orgs/<slug:org>/join-codes/<int:pk>/revoke/",
        joining.join_code_revoke,
        name="join-code-revoke",
    ),
    path("orgs/<slug:org>/audit/", audit.audit_list, name="audit-list"),
    path("orgs/<slug:org>/api-tokens/", access.api_token_list, name="api-token-list"),
    path("orgs/<slug:org>/api-tokens/new/", access.api_token_create, name="api-token-create"),
    path(
        "orgs/<slug:org>/api-tokens/<int:pk>/revoke/",
        access.api_token_revoke,
        name="api-token-revoke",
    ),
]
