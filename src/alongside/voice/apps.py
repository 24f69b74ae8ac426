from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "alongside.voice"
    label = "voice"
    verbose_name = "Voice"

    def ready(self) -> None:
        # Registers this domain's actions with the policy, the names of the audit events it
        # writes, and its items in the service navigation.
        from alongside.voice import audit_events, rules  # noqa: F401
        from alongside.voice.navigation import register_navigation
        from alongside.voice.navigation_answers import register_navigation_answers

        register_navigation()
        register_navigation_answers()
