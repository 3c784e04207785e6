from django.apps import AppConfig


class HeadersConfig(AppConfig):
    """Security headers: Content-Security-Policy for the portal and the back office (see __init__)."""

    name = "xaso.headers"
    label = "headers"
    verbose_name = "Tiêu đề bảo mật"

    def ready(self) -> None:
        from wagtail.admin.widgets.chooser import BaseChooser

        from xaso.headers.scriptless import chooser_render

        # Wagtail's chooser widgets write their init as an inline script, in Python (not a template):
        # the one place this project replaces a Wagtail method. Checked by tests/test_scriptless_admin.py.
        BaseChooser.render = chooser_render
