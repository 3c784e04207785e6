from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "xaso.backoffice"
    label = "backoffice"
    verbose_name = "Trang quản trị"
