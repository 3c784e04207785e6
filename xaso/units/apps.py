from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "xaso.units"
    label = "units"
    verbose_name = "Đơn vị và vai trò"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        register_role_permissions(
            Role.PROGRAMME_OWNER, {*manage_permissions("units", "orgunit")} - {"units.delete_orgunit"}
        )
        register_role_permissions(Role.PROGRAMME_OWNER, view_permissions("units", "membership"))
        for role in (Role.LEADER, Role.REPORTER, Role.PORTAL_EDITOR, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("units", "orgunit"))
        register_role_permissions(Role.LEADER, view_permissions("units", "membership"))
        register_role_permissions(Role.PROVINCE_VIEWER, view_permissions("units", "membership"))
