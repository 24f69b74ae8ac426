from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "alongside.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives"
