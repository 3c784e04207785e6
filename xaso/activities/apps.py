from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xaso.activities"
    label = "activities"
    verbose_name = "Hoạt động"
