from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "xaso.units"
    label = "units"
    verbose_name = "Đơn vị và vai trò"
