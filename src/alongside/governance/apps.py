from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "alongside.governance"
    label = "governance"
    verbose_name = "Boards and meetings"

    def ready(self) -> None:
        # Registers this domain's policy actions and the names of the audit events it writes.
        from alongside.governance import audit_events, rules  # noqa: F401
        from alongside.governance.navigation import register_navigation

        register_navigation()

        # Board meetings earn time credits: credits asks this source, never imports governance.
        from alongside.governance.credits_source import register as register_credits_source

        register_credits_source()
