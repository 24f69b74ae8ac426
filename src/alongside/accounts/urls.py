from django.urls import path

from alongside.accounts import views

app_name = "accounts"

urlpatterns = [
    # Joining with a code, one question per page.
    path("join/", views.join_code, name="join-code"),
    path("join/username/", views.join_username, name="join-username"),
    path("join/passphrase/", views.join_passphrase, name="join-passphrase"),
    path("join/birth/", views.join_birth, name="join-birth"),
    path("join/email/", views.join_email, name="join-email"),
    path("join/agree/", views.join_consent, name="join-consent"),
    path("join/done/", views.join_done, name="join-done"),
    path("consent/<str:token>/", views.parent_consent, name="parent-consent"),
    path("reset/", views.reset_with_code, name="reset-with-code"),
    # My account.
    path("account/", views.my_account, name="my-account"),
    path("account/data.json", views.my_data, name="my-data"),
    path(
        "account/consents/<int:pk>/withdraw/", views.my_consent_withdraw, name="my-consent-withdraw"
    ),
    path("account/delete/", views.my_deletion, name="my-deletion"),
    # Organisation pages for staff.
    path("orgs/<slug:org>/", views.organisation_home, name="organisation-home"),
    path("orgs/<slug:org>/people/", views.person_list, name="person-list"),
    path("orgs/<slug:org>/people/new/", views.person_create, name="person-create"),
    path("orgs/<slug:org>/staff/invite/", views.staff_invite, name="staff-invite"),
    path("orgs/<slug:org>/people/<uuid:person_id>/", views.person_detail, name="person-detail"),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent/",
        views.person_consent_record,
        name="person-consent-record",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent-link/",
        views.person_consent_link,
        name="person-consent-link",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/consent-email/",
        views.person_consent_email,
        name="person-consent-email",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/claim-code/",
        views.person_claim_code,
        name="person-claim-code",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/reset-code/",
        views.person_reset_code,
        name="person-reset-code",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/roles/new/",
        views.person_role_grant,
        name="person-role-grant",
    ),
    path(
        "orgs/<slug:org>/people/<uuid:person_id>/delete/",
        views.person_erase,
        name="person-erase",
    ),
    path(
        "orgs/<slug:org>/roles/<int:pk>/remove/", views.membership_revoke, name="membership-revoke"
    ),
    path(
        "orgs/<slug:org>/consents/<int:pk>/withdraw/",
        views.consent_withdraw,
        name="consent-withdraw",
    ),
    path("orgs/<slug:org>/join-codes/", views.join_code_list, name="join-code-list"),
    path("orgs/<slug:org>/join-codes/new/", views.join_code_create, name="join-code-create"),
    path(
        "orgs/<slug:org>/join-codes/<int:pk>/revoke/",
        views.join_code_revoke,
        name="join-code-revoke",
    ),
    path("orgs/<slug:org>/audit/", views.audit_list, name="audit-list"),
    path("orgs/<slug:org>/api-tokens/", views.api_token_list, name="api-token-list"),
    path("orgs/<slug:org>/api-tokens/new/", views.api_token_create, name="api-token-create"),
    path(
        "orgs/<slug:org>/api-tokens/<int:pk>/revoke/",
        views.api_token_revoke,
        name="api-token-revoke",
    ),
]
