from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "alongside.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives"

    def ready(self) -> None:
        # Registers this domain's actions with the policy and the names of its audit events.
        from alongside.initiatives import audit_events, rules  # noqa: F401

        # Sessions and attendance
        from alongside.initiatives.navigation_sessions import register_navigation

        register_navigation()
