from django.apps import AppConfig


class AdminViConfig(AppConfig):
    """The back office in Vietnamese.

    The strings live in locale/vi/LC_MESSAGES/{django,djangojs}.po; this app holds the few
    Wagtail templates whose text is hard-coded in English (they cannot be translated from a
    catalogue), the login form's missing label, and the listing and inspect views that show
    yes/no and empty values in Vietnamese. It is listed before wagtail.admin so that its
    templates win. Branding (logo, window title) is xaso.backoffice's.
    """

    name = "xaso.adminvi"
    label = "adminvi"
    verbose_name = "Trang quản trị tiếng Việt"
