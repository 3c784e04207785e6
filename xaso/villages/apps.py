from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "xaso.villages"
    label = "villages"
    verbose_name = "Tổ công nghệ số cộng đồng"
