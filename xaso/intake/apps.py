from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "xaso.intake"
    label = "intake"
    verbose_name = "Kế hoạch từ văn bản"
