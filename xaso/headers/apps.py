from django.apps import AppConfig


class HeadersConfig(AppConfig):
    """Security headers: Content-Security-Policy for the portal and the back office (see __init__)."""

    name = "xaso.headers"
    label = "headers"
    verbose_name = "Tiêu đề bảo mật"
