from django.apps import AppConfig


class ViConfig(AppConfig):
    name = "xaso.vi"
    label = "vi"
    verbose_name = "Tiếng Việt"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        for role in (Role.PROGRAMME_OWNER, Role.PORTAL_EDITOR):
            register_role_permissions(role, manage_permissions("vi", "abbreviation"))
        register_role_permissions(Role.LEADER, view_permissions("vi", "abbreviation"))
