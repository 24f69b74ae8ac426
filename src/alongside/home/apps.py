from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "alongside.home"
    label = "home"
    verbose_name = "Home"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from alongside.govuk.navigation import Audience, NavEntry, register

        register(NavEntry(_("Home"), "home:index", Audience.EVERYONE, order=0))
