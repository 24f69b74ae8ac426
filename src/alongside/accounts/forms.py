"""Forms validate what a person typed; services decide whether it may happen."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from alongside.accounts import ages
from alongside.accounts.birth_fields import MonthYearMixin
from alongside.accounts.models import (
    ApiToken,
    Consent,
    JoinCode,
    ParentConsentRequest,
    Person,
    User,
)
from alongside.accounts.roles import EMAIL_SIGNIN_ROLES, Role
from alongside.core.audit import audit_events
from alongside.core.limits import SECRET_MAX_LENGTH, column_length
from alongside.govuk.forms import Form

# A young person's username is short by choice (the column allows more): it is typed on phones.
USERNAME_MAX_LENGTH = 30
# A reset code is hashed too; it looks like ABCD-2345-EFGH, with room for spaces.
RESET_CODE_MAX_LENGTH = 20


def _required(message: StrOrPromise) -> dict[str, StrOrPromise]:
    return {"required": message}


class JoinCodeEntryForm(Form):
    code = forms.CharField(
        label=_("Enter your join code"),
        help_text=_("Your youth worker or teacher gives you this. It looks like ABCD-2345."),
        max_length=column_length(JoinCode, "code"),
        error_messages=_required(_("Enter your join code")),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )


class UsernameForm(Form):
    username = forms.CharField(
        label=_("Choose a username"),
        help_text=_(
            "You will use this to sign in. Do not use your real name. "
            "Use letters, numbers, dots, dashes or underscores."
        ),
        max_length=USERNAME_MAX_LENGTH,
        error_messages=_required(_("Choose a username")),
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": False}),
    )
    display_name = forms.CharField(
        label=_("Choose a display name (optional)"),
        help_text=_(
            "Other people see this name. It can be a nickname. If you leave it empty, "
            "we show your username."
        ),
        max_length=column_length(Person, "display_name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )


class PassphraseForm(Form):
    passphrase = forms.CharField(
        label=_("Choose a passphrase"),
        help_text=_(
            "Use three or more words you will remember, like 'purple bus sandwich'. "
            "At least 10 characters."
        ),
        max_length=SECRET_MAX_LENGTH,
        error_messages=_required(_("Choose a passphrase")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class BirthForm(MonthYearMixin):
    pass


class EmailForm(Form):
    email = forms.EmailField(
        label=_("Email address (optional)"),
        help_text=_(
            "Only if you want to reset your own passphrase or get updates. "
            "You can leave this empty."
        ),
        max_length=column_length(User, "email"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False}),
    )


CONSENT_HINTS = {
    Consent.Purpose.TAKE_PART: _("Giving your ideas, voting and joining in on this website."),
    Consent.Purpose.CONTACT: _("We can send you messages about things you joined."),
    Consent.Purpose.PHOTOS: _("Photos or videos of you at sessions may be used."),
    Consent.Purpose.SHARE_ANONYMISED: _(
        "Numbers about what people said, with no names, may be shared with partners."
    ),
}


class ConsentChoicesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    item_hints = {str(key): value for key, value in CONSENT_HINTS.items()}

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("choices", Consent.Purpose.choices)
        super().__init__(**kwargs)  # type: ignore[arg-type]


class SelfConsentForm(Form):
    purposes = ConsentChoicesField(
        label=_("What do you agree to?"),
        help_text=_(
            "You need to agree to taking part online to use Alongside. "
            "Everything else is up to you, and you can change your mind at any time."
        ),
        error_messages=_required(_("Tick 'Taking part online' to use Alongside")),
    )

    def clean_purposes(self) -> list[str]:
        purposes: list[str] = self.cleaned_data["purposes"]
        if Consent.Purpose.TAKE_PART not in purposes:
            raise forms.ValidationError(_("Tick 'Taking part online' to use Alongside"))
        return purposes


class ParentConsentForm(Form):
    given_by_name = forms.CharField(
        label=_("Your full name"),
        help_text=_("So we know who agreed. Only staff who look after consent can see it."),
        max_length=column_length(Consent, "given_by_name"),
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be %(limit_value)d characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": False}),
    )
    relationship = forms.ChoiceField(
        label=_("How are you related to the young person?"),
        choices=[
            (Consent.Relationship.PARENT, _("I am their parent")),
            (Consent.Relationship.CARER, _("I am their carer, for example a foster carer")),
            (Consent.Relationship.GUARDIAN, _("I am their guardian")),
            (Consent.Relationship.OTHER, _("Something else")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you are related to the young person"),
            "invalid_choice": _("Select how you are related to the young person"),
        },
    )
    relationship_other = forms.CharField(
        label=_("If you chose something else, how are you related?"),
        help_text=_("For example, grandparent with parental responsibility"),
        max_length=column_length(Consent, "given_by_relationship_other"),
        required=False,
        error_messages={"max_length": _("This must be %(limit_value)d characters or fewer")},
    )
    purposes = ConsentChoicesField(
        label=_("What do you agree to?"),
        help_text=_("Tick 'Taking part online' to let your child use Alongside."),
        error_messages=_required(_("Tick 'Taking part online' to let your child use Alongside")),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (
            data.get("relationship") == Consent.Relationship.OTHER
            and not str(data.get("relationship_other") or "").strip()
        ):
            self.add_error("relationship_other", _("Say how you are related to the young person"))
        return data


class RecordConsentForm(Form):
    purposes = ConsentChoicesField(
        label=_("What does the signed form agree to?"),
        error_messages=_required(_("Select what the signed form agrees to")),
    )
    seen_form = forms.BooleanField(
        label=_(
            "I have seen the consent form, signed by the parent or carer "
            "(or by the young person if 13 or over)"
        ),
        error_messages=_required(_("Confirm that you have seen the signed consent form")),
    )


class ParentEmailForm(Form):
    email = forms.EmailField(
        label=_("Parent's or carer's email address"),
        help_text=_("We send them the link and do not keep the address after it has gone."),
        max_length=column_length(ParentConsentRequest, "send_to"),
        error_messages={
            "required": _("Enter the parent's or carer's email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )


class OfflinePersonForm(MonthYearMixin):
    display_name = forms.CharField(
        label=_("Display name"),
        help_text=_("A first name or nickname is enough. Do not add a surname."),
        max_length=column_length(Person, "display_name"),
        error_messages=_required(_("Enter a display name")),
    )
    kind = forms.ChoiceField(
        label=_("Who are they?"),
        choices=[
            (Person.Kind.YOUNG_PERSON, _("A young person")),
            (Person.Kind.PARENT_CARER, _("A parent or carer")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Select who they are")),
    )
    contact_email = forms.EmailField(
        label=_("Contact email (optional)"),
        help_text=_("Only if they or their parent want to be contacted."),
        max_length=column_length(Person, "contact_email"),
        required=False,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    field_order = ["display_name", "kind", "birth_month", "birth_year", "contact_email"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # A parent's age is not needed.
        self.fields["birth_month"].required = False
        self.fields["birth_year"].required = False

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") == Person.Kind.YOUNG_PERSON:
            if data.get("birth_month") is None and "birth_month" not in self.errors:
                self.add_error("birth_month", _("Enter the month of birth"))
            if data.get("birth_year") is None and "birth_year" not in self.errors:
                self.add_error("birth_year", _("Enter the year of birth"))
        else:
            data["birth_month"] = data["birth_year"] = None
        return data


class JoinCodeCreateForm(Form):
    label = forms.CharField(
        label=_("Group name"),
        help_text=_("So you know which code is which, like 'Tuesday youth club'."),
        max_length=column_length(JoinCode, "label"),
        error_messages=_required(_("Enter a group name")),
    )
    role = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=[
            (Role.YOUNG_PERSON, _("Young people")),
            (Role.PARENT_CARER, _("Parents and carers")),
        ],
        initial=Role.YOUNG_PERSON,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select who the code is for")),
    )
    days = forms.IntegerField(
        label=_("How many days should it work for?"),
        help_text=_("From 1 to 90 days."),
        min_value=1,
        max_value=90,
        initial=14,
        error_messages={
            "required": _("Enter how many days the code should work for"),
            "invalid": _("Days must be a whole number, like 14"),
            "min_value": _("Days must be from 1 to 90"),
            "max_value": _("Days must be from 1 to 90"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    max_uses = forms.IntegerField(
        label=_("How many people can use it?"),
        help_text=_("From 1 to 500. Set it to the size of the group."),
        min_value=1,
        max_value=500,
        initial=30,
        error_messages={
            "required": _("Enter how many people can use the code"),
            "invalid": _("Number of people must be a whole number, like 30"),
            "min_value": _("Number of people must be from 1 to 500"),
            "max_value": _("Number of people must be from 1 to 500"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class RoleGrantForm(Form):
    role = forms.ChoiceField(
        label=_("Role to give"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select a role to give")),
    )


class YouthOfferForm(Form):
    extended = forms.ChoiceField(
        label=_("Does their youth offer last until they are 25?"),
        help_text=_(
            "Say yes for a care leaver or a young person with special educational needs and "
            "disabilities (SEND). We do not record which."
        ),
        choices=[("yes", _("Yes, until 25")), ("no", _("No, the usual age"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether their youth offer lasts until 25"),
            "invalid_choice": _("Select whether their youth offer lasts until 25"),
        },
    )


class OrganisationYouthOfferForm(Form):
    upper_age = forms.IntegerField(
        label=_("Until what age do young people take part here?"),
        help_text=_(
            "From 16 to 25. After this age a young person takes part as a community member: "
            "their account and what they did stay. Care leavers and young people with SEND "
            "can take part until 25 whatever you choose here."
        ),
        min_value=ages.LOWEST_YOUTH_OFFER_UPPER_AGE,
        max_value=ages.EXTENDED_YOUTH_OFFER_UPPER_AGE,
        error_messages={
            "required": _("Enter the age young people take part until"),
            "invalid": _("The age must be a whole number, like 19"),
            "min_value": _("The age must be from 16 to 25"),
            "max_value": _("The age must be from 16 to 25"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class StaffInviteForm(Form):
    display_name = forms.CharField(
        label=_("Their name"),
        help_text=_("Young people and colleagues see this name, for example Sam Patel."),
        max_length=column_length(Person, "display_name"),
        error_messages=_required(_("Enter their name")),
    )
    email = forms.EmailField(
        label=_("Their work email address"),
        help_text=_("We email them a link to accept. They sign in with this address."),
        # A member of staff's email is their username too, so it must fit both columns.
        max_length=column_length(User, "username", "email"),
        error_messages={
            "max_length": _("Enter an email address of %(limit_value)d characters or fewer"),
            "required": _("Enter their work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in Role if role in EMAIL_SIGNIN_ROLES],
        widget=forms.RadioSelect,
        error_messages=_required(_("Select a role")),
    )


class ResetWithCodeForm(Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=USERNAME_MAX_LENGTH,
        error_messages=_required(_("Enter your username")),
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": False}),
    )
    code = forms.CharField(
        label=_("Reset code"),
        help_text=_("Your worker gives you this code. It looks like ABCD-2345-EFGH."),
        max_length=RESET_CODE_MAX_LENGTH,
        error_messages=_required(_("Enter the reset code from your worker")),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": False}),
    )
    passphrase = forms.CharField(
        label=_("New passphrase"),
        help_text=_("Three or more words you will remember. At least 10 characters."),
        max_length=SECRET_MAX_LENGTH,
        error_messages=_required(_("Choose a new passphrase")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Token name"),
        help_text=_("What will use it, like 'Youth survey import'."),
        max_length=column_length(ApiToken, "name"),
        error_messages=_required(_("Enter a token name")),
    )


class PeopleFilterForm(Form):
    q = forms.CharField(
        label=_("Search by display name"),
        required=False,
        max_length=column_length(Person, "display_name"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("Any role")), *Role.choices], required=False
    )
    waiting = forms.BooleanField(
        label=_("Only young people waiting for a parent or carer to agree"),
        help_text=_("Under 13, or their age is not known"),
        required=False,
    )
    deletion = forms.BooleanField(label=_("Only people who asked to be deleted"), required=False)


class AuditFilterForm(Form):
    action = forms.ChoiceField(label=_("What happened"), required=False)

    def __init__(self, *args: object, actions: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # In the words the trail shows, not the names the code records.
        choices = [("", _("Everything")), *audit_events.choices(actions)]
        self.fields["action"].choices = choices  # type: ignore[attr-defined]


class StaffInvitationPasswordForm(Form):
    """A new colleague's passphrase, chosen when they accept their invitation."""

    password1 = forms.CharField(
        label=_("Choose a passphrase"),
        help_text=_("At least 10 characters. A few words you will remember work well."),
        max_length=SECRET_MAX_LENGTH,
        error_messages=_required(_("Choose a passphrase")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the passphrase again"),
        max_length=SECRET_MAX_LENGTH,
        error_messages=_required(_("Type the passphrase again")),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password2") != cleaned["password1"]:
            self.add_error("password2", _("The two passphrases are not the same"))
        return cleaned
