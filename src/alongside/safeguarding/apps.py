from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "alongside.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
