from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "xaso.outreach"
    label = "outreach"
    verbose_name = "Trường học, doanh nghiệp"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Which rows each person reaches is decided by outreach.selectors: a school's reporter
        # writes her school's clubs and events, the Economic office its enterprise sessions.
        models = ("club", "clubsession", "schoolevent", "enterprisesession", "showcase")
        for role in (Role.PROGRAMME_OWNER, Role.REPORTER):
            register_role_permissions(role, manage_permissions("outreach", *models))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("outreach", *models))
