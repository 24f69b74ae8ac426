from django.apps import AppConfig


class CreditsConfig(AppConfig):
    name = "alongside.credits"
    label = "credits"
    verbose_name = "Time credits"

    def ready(self) -> None:
        # Registers this domain's policy actions and the names of the audit events it writes.
        from alongside.credits import audit_events, rules  # noqa: F401
        from alongside.credits.navigation_mine import register_navigation

        register_navigation()

        # Earning: approve pages, the rules page, "How you earn credits".
        from alongside.credits.navigation_earning import (
            register_navigation as register_earning_navigation,
        )

        register_earning_navigation()

        # Rewards: the reward partner's voucher check (young people reach rewards from theirs).
        from alongside.credits.navigation_rewards import (
            register_navigation as register_rewards_navigation,
        )

        register_rewards_navigation()
