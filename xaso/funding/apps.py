from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "xaso.funding"
    label = "funding"
    verbose_name = "Kinh phí"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        # Funding is the commune's: the Culture–Social office keeps it, leaders and the province read
        # it; units' reporters and portal editors have no part in it (funding.selectors decides rows).
        models = ("budgetline", "spending")
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("funding", *models))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(role, view_permissions("funding", *models))
