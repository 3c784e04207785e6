from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xaso.activities"
    label = "activities"
    verbose_name = "Hoạt động"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Which rows each role reaches is decided by activities.selectors.
        for role in (Role.PROGRAMME_OWNER, Role.REPORTER):
            register_role_permissions(role, manage_permissions("activities", "activity"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER, Role.PORTAL_EDITOR):
            register_role_permissions(role, view_permissions("activities", "activity"))
