from django.apps import AppConfig


class CreditsConfig(AppConfig):
    name = "alongside.credits"
    label = "credits"
    verbose_name = "Time credits"
