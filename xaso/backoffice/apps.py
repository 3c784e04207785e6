from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "xaso.backoffice"
    label = "backoffice"
    verbose_name = "Trang quản trị"

    def ready(self) -> None:
        # Every date and date-time field of Wagtail's model forms (snippets, pages, settings) gets the
        # device's own picker instead of Wagtail's JavaScript one (see widgets.NativeDateInput).
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from xaso.backoffice.widgets import NativeDateInput, NativeDateTimeInput

        register_form_field_override(models.DateField, override={"widget": NativeDateInput})
        register_form_field_override(models.DateTimeField, override={"widget": NativeDateTimeInput})
