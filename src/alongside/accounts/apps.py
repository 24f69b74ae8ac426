from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Registers this domain's actions with the policy.
        from alongside.accounts import rules  # noqa: F401
        from alongside.accounts.navigation import register_navigation

        register_navigation()
