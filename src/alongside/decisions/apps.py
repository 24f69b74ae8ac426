from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "alongside.decisions"
    label = "decisions"
    verbose_name = "Decisions"
