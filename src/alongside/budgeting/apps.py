from django.apps import AppConfig


class BudgetingConfig(AppConfig):
    name = "alongside.budgeting"
    label = "budgeting"
    verbose_name = "Youth budgets"
