from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "xaso.channels"
    label = "channels"
    verbose_name = "Kênh truyền thông"
