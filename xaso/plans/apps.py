from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "xaso.plans"
    label = "plans"
    verbose_name = "Kế hoạch"
