from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "alongside.notices"
    label = "notices"
    verbose_name = "Notices"

    def ready(self) -> None:
        # This domain's actions, the names of the audit events it writes, and its menu item.
        from alongside.notices import audit_events, rules  # noqa: F401
        from alongside.notices.navigation import register_navigation

        register_navigation()
