from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "xaso.learning"
    label = "learning"
    verbose_name = "Bồi dưỡng, Bình dân học vụ số"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Which rows each role reaches is decided by learning.selectors: the Culture–Social
        # office writes courses and enrols any unit of its commune, a reporter enrols their own.
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("learning", "course", "enrolment"))
        register_role_permissions(Role.REPORTER, manage_permissions("learning", "enrolment"))
        register_role_permissions(Role.REPORTER, view_permissions("learning", "course"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER, Role.PORTAL_EDITOR):
            register_role_permissions(role, view_permissions("learning", "course", "enrolment"))
