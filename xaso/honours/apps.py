from django.apps import AppConfig


class HonoursConfig(AppConfig):
    name = "xaso.honours"
    label = "honours"
    verbose_name = "Khen thưởng, tôn vinh"
