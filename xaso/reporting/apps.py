from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "xaso.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ, đột xuất"

    def ready(self) -> None:
        from xaso.reporting import consolidated
        from xaso.units.models import Role
        from xaso.units.roles import register_role_permissions, view_permissions

        # Model rights only open the screens; which periods and reports, and which actions,
        # are decided per row by reporting.selectors and the workflow rules in services.
        for role in (Role.PROGRAMME_OWNER, Role.LEADER, Role.REPORTER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("reporting", "reportingperiod", "unitreport"))
        register_role_permissions(
            Role.PROGRAMME_OWNER, {"reporting.add_reportingperiod", "reporting.change_unitreport"}
        )
        register_role_permissions(Role.REPORTER, {"reporting.change_unitreport"})
        register_role_permissions(Role.PROVINCE_VIEWER, view_permissions("reporting", "reportingcalendar"))
        consolidated.register()
