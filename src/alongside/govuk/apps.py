from django import forms
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovukConfig(AppConfig):
    name = "alongside.govuk"
    label = "govuk"
    verbose_name = "GOV.UK shell"

    def ready(self) -> None:
        # Every field should say what to enter ("Enter your username"); one that forgets gets
        # this, never Django's "This field is required."
        forms.Field.default_error_messages = {"required": _("Answer this question")}
