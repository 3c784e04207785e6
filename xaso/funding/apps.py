from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "xaso.funding"
    label = "funding"
    verbose_name = "Kinh phí"
