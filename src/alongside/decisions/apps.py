from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "alongside.decisions"
    label = "decisions"
    verbose_name = "Decisions"

    def ready(self) -> None:
        # Registers this domain's actions, the names of its audit events, and its navigation.
        from alongside.decisions import audit_events, rules  # noqa: F401
        from alongside.decisions.navigation import register_navigation

        register_navigation()
