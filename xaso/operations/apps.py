from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "xaso.operations"
    verbose_name = "Vận hành"
    default_auto_field = "django.db.models.BigAutoField"
