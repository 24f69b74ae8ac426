from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "alongside.voice"
    label = "voice"
    verbose_name = "Voice"
