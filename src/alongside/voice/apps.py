from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "alongside.voice"
    label = "voice"
    verbose_name = "Voice"

    def ready(self) -> None:
        # Registers this domain's actions with the policy, and the audit events it writes.
        from alongside.voice import audit_events, rules  # noqa: F401

        # Themes and answers
        from alongside.voice.navigation_answers import register_navigation_answers

        register_navigation_answers()
