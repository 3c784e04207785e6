from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "xaso.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
