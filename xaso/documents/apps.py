from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "xaso.documents"
    label = "documents"
    verbose_name = "Văn bản hành chính"

    def ready(self) -> None:
        from xaso.documents import sample
        from xaso.units.models import Role
        from xaso.units.roles import register_role_permissions, view_permissions

        sample.register()
        # Everyone with a role sees the renderings of the units they read (selectors decide which);
        # requesting one is checked per unit by services.may_request_for.
        for role in Role:
            register_role_permissions(role, view_permissions("documents", "renderjob"))
        for role in (Role.PROGRAMME_OWNER, Role.LEADER):
            register_role_permissions(role, {"documents.add_renderjob"})
