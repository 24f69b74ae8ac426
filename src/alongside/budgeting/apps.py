from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "alongside.budgeting"
    label = "budgeting"
    verbose_name = "Youth budgets"

    def ready(self) -> None:
        # Registers this domain's policy actions and the names of the audit events it writes.
        from alongside.budgeting import audit_events, permissions  # noqa: F401
        from alongside.budgeting.navigation import register_navigation

        register_navigation()
