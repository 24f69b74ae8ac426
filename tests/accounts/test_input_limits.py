"""Every text box holds what its column holds and no more, refuses NUL characters, and says
so in plain words; list pages, oversized posts and odd addresses never give a 500."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.module_loading import import_string

from alongside.accounts import forms as account_forms
from alongside.accounts import signin_forms
from alongside.accounts.models import (
    ApiToken,
    Consent,
    JoinCode,
    ParentConsentRequest,
    Person,
    User,
)
from alongside.core.limits import SECRET_MAX_LENGTH, column_length
from alongside.govuk.forms import TEXT_ERRORS
from tests import factories

pytestmark = pytest.mark.django_db

# Every text field bound to a column, and the columns it is stored in.
COLUMNS: dict[tuple[str, str], list[tuple[type, str]]] = {
    ("JoinCodeEntryForm", "code"): [(JoinCode, "code")],
    ("UsernameForm", "display_name"): [(Person, "display_name")],
    ("EmailForm", "email"): [(User, "email"), (EmailAddress, "email")],
    ("ParentEmailForm", "email"): [(ParentConsentRequest, "send_to")],
    ("ParentConsentForm", "given_by_name"): [(Consent, "given_by_name")],
    ("ParentConsentForm", "relationship_other"): [(Consent, "given_by_relationship_other")],
    ("OfflinePersonForm", "display_name"): [(Person, "display_name")],
    ("OfflinePersonForm", "contact_email"): [(Person, "contact_email")],
    ("JoinCodeCreateForm", "label"): [(JoinCode, "label")],
    ("StaffInviteForm", "display_name"): [(Person, "display_name")],
    # A member of staff's email address is their username as well.
    ("StaffInviteForm", "email"): [(User, "username"), (User, "email"), (EmailAddress, "email")],
    ("ApiTokenForm", "name"): [(ApiToken, "name")],
    ("PeopleFilterForm", "q"): [(Person, "display_name")],
    ("ResetRequestForm", "email"): [(EmailAddress, "email")],
}
# Bound to a column but shorter by choice: usernames are typed on phones.
NARROWER = {
    ("UsernameForm", "username"): [(User, "username")],
    ("ResetWithCodeForm", "username"): [(User, "username")],
}
# Compared with a column, never stored: long enough for the longer of username and email.
LOGIN = {("SignInForm", "login")}
# Hashed, never stored as typed.
SECRETS = {
    ("PassphraseForm", "passphrase"),
    ("ResetWithCodeForm", "code"),
    ("ResetWithCodeForm", "passphrase"),
    ("SignInForm", "password"),
    ("PassphraseChangeForm", "oldpassword"),
    ("PassphraseChangeForm", "password1"),
    ("PassphraseChangeForm", "password2"),
    ("ResetFromKeyForm", "password1"),
    ("ResetFromKeyForm", "password2"),
    ("StaffInvitationPasswordForm", "password1"),
    ("StaffInvitationPasswordForm", "password2"),
    ("PassphraseReauthenticateForm", "password"),
    ("TwoFactorCodeForm", "code"),
    ("TwoFactorReauthenticateForm", "code"),
    ("TwoFactorActivateForm", "code"),
}

CONSTRUCT: dict[str, dict[str, Any]] = {
    "AuditFilterForm": {"actions": []},
    "SignInForm": {"request": None},
    "PassphraseChangeForm": {"user": User()},
    "ResetFromKeyForm": {"user": None},
    "PassphraseReauthenticateForm": {"user": User()},
    "TwoFactorCodeForm": {"user": User()},
    "TwoFactorReauthenticateForm": {"user": User()},
    "TwoFactorActivateForm": {"user": User()},
}


def form_classes() -> list[type[forms.BaseForm]]:
    """Our forms, and the sign-in forms allauth builds from ACCOUNT_FORMS and MFA_FORMS."""
    found: dict[str, type[forms.BaseForm]] = {}
    for module in (account_forms, signin_forms):
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                found[name] = value
    for path in [*settings.ACCOUNT_FORMS.values(), *settings.MFA_FORMS.values()]:
        form_class = import_string(path)
        found[form_class.__name__] = form_class
    return sorted(found.values(), key=lambda cls: cls.__name__)


def text_fields() -> list[tuple[str, str, forms.CharField]]:
    fields = []
    # Activating an authenticator keeps its new secret in the session of the request.
    request = RequestFactory().get("/")
    request.session = {}  # type: ignore[assignment]
    for form_class in form_classes():
        with allauth_context.request_context(request):
            form = form_class(**CONSTRUCT.get(form_class.__name__, {}))
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField):
                fields.append((form_class.__name__, name, field))
    return fields


def test_the_walk_finds_the_sign_in_forms_and_ours():
    names = {cls.__name__ for cls in form_classes()}
    assert {
        "SignInForm",
        "ResetRequestForm",
        "TwoFactorCodeForm",
        "OfflinePersonForm",
        "StaffInviteForm",
    } <= names


def test_every_text_field_has_the_length_of_its_column_or_a_stated_reason():
    # Given every text field of every form people fill in
    for form_name, name, field in text_fields():
        key = (form_name, name)
        # Then each has a limit, enforced on the server as well as in the browser
        assert field.max_length is not None, f"{key} takes text of any length"
        assert any(
            isinstance(v, MaxLengthValidator) and v.limit_value == field.max_length
            for v in field.validators
        ), key
        assert field.widget.attrs.get("maxlength") == str(field.max_length), key
        # And that limit is the one of the column it is kept in
        if key in COLUMNS:
            limit = min(column_length(model, column) for model, column in COLUMNS[key])
            assert field.max_length == limit, key
        elif key in NARROWER:
            limit = min(column_length(model, column) for model, column in NARROWER[key])
            assert field.max_length < limit, key
        elif key in LOGIN:
            assert field.max_length == max(
                column_length(User, "username"), column_length(EmailAddress, "email")
            )
        else:
            assert key in SECRETS, f"{key} is bound to no column: add it to COLUMNS or SECRETS"
            assert field.max_length <= SECRET_MAX_LENGTH, key


def test_every_text_field_says_what_is_wrong_in_our_words():
    # Django's own "Ensure this value has at most…" is never shown: each text field has our
    # message (TEXT_ERRORS), or one of its own, for a too-long answer and for a NUL.
    for form_name, name, field in text_fields():
        for code in TEXT_ERRORS:
            assert code in field.error_messages, (form_name, name, code)
    assert TEXT_ERRORS["max_length"] in {
        field.error_messages["max_length"] for _form, _name, field in text_fields()
    }


# Over HTTP --------------------------------------------------------------------------------


def test_a_262_character_email_is_refused_on_the_form_not_a_500(client_for, organisation, worker):
    # Given a worker adding a parent with an email longer than the column holds
    email = "a" * 250 + "@example.org"
    response = client_for(worker).post(
        reverse("accounts:person-create", args=[organisation.slug]),
        {"display_name": "Pat", "kind": "parent_carer", "contact_email": email},
    )
    # Then the form says so and nobody was added
    assert response.status_code == 200
    assert "Use 254 characters or fewer. You used 262." in response.content.decode()
    assert not Person.objects.filter(display_name="Pat").exists()


def test_a_100000_character_login_is_refused_not_a_500(client, young_person):
    response = client.post(reverse("account_login"), {"login": "a" * 100_000, "password": "x"})
    assert response.status_code == 200
    assert "Use 254 characters or fewer. You used 100000." in response.content.decode()


def test_a_nul_character_in_a_form_is_refused_in_plain_words(client_for, organisation, worker):
    response = client_for(worker).post(
        reverse("accounts:person-create", args=[organisation.slug]),
        {"display_name": "Pa\x00t", "kind": "parent_carer"},
    )
    assert response.status_code == 200
    assert "This has a hidden character we cannot accept." in response.content.decode()
    assert not Person.objects.filter(display_name__startswith="Pa").exists()


def test_a_nul_character_in_the_sign_in_form_is_refused(client, young_person):
    response = client.post(reverse("account_login"), {"login": "a\x00b", "password": "x"})
    assert response.status_code == 200
    assert "This has a hidden character we cannot accept." in response.content.decode()


def test_a_nul_character_in_a_password_reset_request_is_refused(client):
    response = client.post(reverse("account_reset_password"), {"email": "a\x00@example.org"})
    assert response.status_code == 200
    assert "This has a hidden character we cannot accept." in response.content.decode()


@pytest.mark.parametrize(
    "address",
    ["/consent/ab%00cd/", "/orgs/riverside/people/?q=a%00b", "/account/login/?next=/%00"],
)
def test_a_nul_character_in_the_address_is_our_400_page(client_for, organisation, worker, address):
    response = client_for(worker).get(address)
    assert response.status_code == 400
    assert "The web address has a character in it that we cannot accept." in (
        response.content.decode()
    )


@pytest.mark.parametrize("page", [str(10**20), "-1", "0", "abc", "1e5", "9" * 5000, ""])
def test_any_page_number_gives_a_page(client_for, organisation, worker, page):
    # Given more people than fit on one page
    for _ in range(26):
        factories.person_with_role("young_person", organisation)
    # When any page number is asked for, Then a page of the list comes back
    response = client_for(worker).get(
        reverse("accounts:person-list", args=[organisation.slug]), {"page": page}
    )
    assert response.status_code == 200


def test_a_form_post_over_the_upload_limit_is_our_413_page(client_for, organisation, worker):
    # Given a post larger than Django reads into memory
    body = {"display_name": "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1), "kind": "x"}
    # When it is sent to a form, Then our own "too large" page answers
    response = client_for(worker).post(
        reverse("accounts:person-create", args=[organisation.slug]), body
    )
    assert response.status_code == 413
    content = response.content.decode()
    assert "What you sent is too large" in content
    assert 'class="govuk-template' in content


def test_a_post_with_too_many_fields_is_our_413_page(organisation):
    client = Client()
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("account_login"), fields)
    assert response.status_code == 413
