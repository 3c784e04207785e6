from django.apps import AppConfig


class AdminViConfig(AppConfig):
    """The back office in Vietnamese.

    The strings live in locale/vi/LC_MESSAGES/{django,djangojs}.po; this app holds the few
    Wagtail templates whose text is hard-coded in English (they cannot be translated from a
    catalogue), the login form's missing label, the listing and inspect views that show
    yes/no and empty values in Vietnamese, the permission names of the group form (permissions.py),
    the titles of Wagtail screens that would share another's (titles.py), and names for the
    controls Wagtail's widgets draw without one (static/adminvi/labels.js). It is listed before
    wagtail.admin so that its templates win. Branding (logo, window title) is xaso.backoffice's.
    """

    name = "xaso.adminvi"
    label = "adminvi"
    verbose_name = "Trang quản trị tiếng Việt"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy
        from wagtail.admin.forms.workflows import WorkflowPageForm
        from wagtail.users.forms import PagePermissionsForm

        from xaso.adminvi.titles import name_wagtail_screens

        name_wagtail_screens()

        # Wagtail declares the page fields of a workflow and of a group's page permissions without a
        # label: Django shows the field's name, "Page".
        for form in (WorkflowPageForm, PagePermissionsForm):
            form.base_fields["page"].label = gettext_lazy("Page")
