from django.apps import AppConfig


class ViConfig(AppConfig):
    name = "xaso.vi"
    label = "vi"
    verbose_name = "Tiếng Việt"
