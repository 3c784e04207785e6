from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "xaso.registers"
    label = "registers"
    verbose_name = "Danh mục, sổ theo dõi"
