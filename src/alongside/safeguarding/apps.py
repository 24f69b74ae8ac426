from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "alongside.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        # Registers this domain's actions with the policy and the names of its audit events.
        from alongside.safeguarding import audit_events, rules  # noqa: F401
        from alongside.safeguarding.navigation import register_navigation

        register_navigation()
