from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "alongside.govuk"
    label = "govuk"
    verbose_name = "GOV.UK shell"
