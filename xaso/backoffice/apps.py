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

        # Wagtail 8 autosaves a page being created: an editor who typed a title and left without
        # saving found an empty draft, whose address then blocked the article written again. A page
        # exists once its editor saves it; pages already saved keep their autosave.
        from wagtail.admin.views.pages.create import CreateView

        CreateView.autosave_enabled = _AlwaysOff()

        # Wagtail's list of sites names three columns after their fields, in English ("Port").
        from wagtail.admin.ui.tables import Column
        from wagtail.sites import views as site_views

        labels = {"port": "Cổng", "site_name": "Tên trang web", "root_page": "Trang gốc"}
        site_views.IndexView.columns = [
            Column(column.name, label=labels[column.name], sort_key=column.sort_key)
            if getattr(column, "name", None) in labels
            else column
            for column in site_views.IndexView.columns
        ]


class _AlwaysOff:
    """A class attribute the view cannot override per instance (a data descriptor)."""

    def __get__(self, instance: object, owner: type | None = None) -> bool:
        return False

    def __set__(self, instance: object, value: object) -> None:
        pass
