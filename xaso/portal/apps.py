from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xaso.portal"
    label = "portal"
    verbose_name = "Trang thông tin điện tử xã"
