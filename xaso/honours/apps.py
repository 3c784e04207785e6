from django.apps import AppConfig


class HonoursConfig(AppConfig):
    name = "xaso.honours"
    label = "honours"
    verbose_name = "Khen thưởng, tôn vinh"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Rows and transitions are decided by honours.selectors and honours.services: a reporter
        # proposes for their unit, the Culture–Social office reviews, the leader decides.
        for role in (Role.PROGRAMME_OWNER, Role.REPORTER):
            register_role_permissions(role, manage_permissions("honours", "proposal"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("honours", "proposal"))
