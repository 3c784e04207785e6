from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "xaso.plans"
    label = "plans"
    verbose_name = "Kế hoạch"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        models = ("plan", "target", "taskgroup", "task")
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("plans", *models))
        for role in (Role.LEADER, Role.REPORTER, Role.PORTAL_EDITOR, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("plans", *models))
