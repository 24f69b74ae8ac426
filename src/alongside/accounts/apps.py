from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Registers this domain's actions with the policy.
        # and the names of the audit events it writes.
        from alongside.accounts import audit_events, rules  # noqa: F401
        from alongside.accounts.navigation import register_navigation

        register_navigation()
