from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "xaso.portal"
    label = "portal"
    verbose_name = "Trang thông tin điện tử xã"

    def ready(self) -> None:
        from xaso.portal.access import portal_access_sync
        from xaso.units.roles import register_roles_changed

        # Page, picture and file rights come from Wagtail groups (xaso.portal.access).
        register_roles_changed(portal_access_sync)

        from wagtail.signals import page_unpublished

        from xaso.portal.receivers import page_taken_down

        # Wagtail unpublishes from several places (the admin's unpublish view, expiry, a parent
        # unpublished with its children) and only this signal is sent by all of them.
        page_unpublished.connect(page_taken_down, dispatch_uid="portal_page_taken_down")
