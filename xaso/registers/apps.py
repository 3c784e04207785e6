from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "xaso.registers"
    label = "registers"
    verbose_name = "Danh mục, sổ theo dõi"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        models = ("person", "acknowledgement", "villageprofile", "guidingdocument", "sciencetask")
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("registers", *models))
        # A unit keeps its own people and their acknowledgements; a village its own profile.
        register_role_permissions(
            Role.REPORTER, manage_permissions("registers", "person", "acknowledgement", "villageprofile")
        )
        register_role_permissions(Role.REPORTER, view_permissions("registers", "guidingdocument", "sciencetask"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("registers", *models))
        register_role_permissions(Role.PORTAL_EDITOR, view_permissions("registers", "guidingdocument", "sciencetask"))
