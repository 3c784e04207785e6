from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "xaso.villages"
    label = "villages"
    verbose_name = "Tổ công nghệ số cộng đồng"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Which villages each person reaches is decided by villages.selectors: a village head
        # writes only his village, the Culture–Social office every village of its commune.
        team = ("teammember", "supportvisit", "householdsnapshot")
        for role in (Role.PROGRAMME_OWNER, Role.REPORTER):
            register_role_permissions(role, manage_permissions("villages", *team))
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("villages", "platform"))
        register_role_permissions(Role.REPORTER, view_permissions("villages", "platform"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("villages", *team, "platform"))
