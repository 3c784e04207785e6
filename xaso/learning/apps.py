from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "xaso.learning"
    label = "learning"
    verbose_name = "Bồi dưỡng, Bình dân học vụ số"
