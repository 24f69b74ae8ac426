from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "alongside.initiatives"
    label = "initiatives"
    verbose_name = "Initiatives"

    def ready(self) -> None:
        # Registers this domain's policy actions and the names of the audit events it writes.
        from alongside.initiatives import audit_events, rules  # noqa: F401
        from alongside.initiatives.navigation import register_navigation

        register_navigation()

        # Sessions and attendance
        from alongside.initiatives.navigation_sessions import (
            register_navigation as register_sessions_navigation,
        )

        register_sessions_navigation()

        # Sessions earn time credits: credits asks this source, never imports initiatives.
        from alongside.initiatives.credits_source import register as register_credits_source

        register_credits_source()
