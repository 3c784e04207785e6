from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "xaso.indicators"
    label = "indicators"
    verbose_name = "Chỉ số, tiến độ chương trình"
