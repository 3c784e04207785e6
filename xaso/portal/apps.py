from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xaso.portal"
    label = "portal"
    verbose_name = "Trang thông tin điện tử xã"

    def ready(self) -> None:
        from xaso.portal.access import portal_access_sync
        from xaso.units.models import Role
        from xaso.units.roles import (
            manage_permissions,
            register_role_permissions,
            register_roles_changed,
            view_permissions,
        )

        # Page, picture and file rights come from Wagtail groups (xaso.portal.access);
        # the audiences list is a model of its own.
        register_role_permissions(Role.PROGRAMME_OWNER, manage_permissions("portal", "audience"))
        register_role_permissions(Role.PORTAL_EDITOR, view_permissions("portal", "audience"))
        register_roles_changed(portal_access_sync)

        from wagtail.signals import page_unpublished

        from xaso.portal.receivers import page_taken_down

        # Wagtail unpublishes from several places (the admin's unpublish view, expiry, a parent
        # unpublished with its children) and only this signal is sent by all of them.
        page_unpublished.connect(page_taken_down, dispatch_uid="portal_page_taken_down")
