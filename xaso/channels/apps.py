from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "xaso.channels"
    label = "channels"
    verbose_name = "Kênh truyền thông"

    def ready(self) -> None:
        from xaso.units.models import Role
        from xaso.units.roles import manage_permissions, register_role_permissions, view_permissions

        editing = manage_permissions("channels", "publication", "broadcastaudio", "broadcastslot")
        editing |= view_permissions("channels", "delivery")
        accounts = manage_permissions("channels", "channelaccount", "villagegroup")
        register_role_permissions(Role.PROGRAMME_OWNER, editing | accounts)
        register_role_permissions(Role.PORTAL_EDITOR, editing | view_permissions("channels", "channelaccount"))
        register_role_permissions(Role.PORTAL_EDITOR, view_permissions("channels", "villagegroup"))
        for role in (Role.LEADER, Role.PROVINCE_VIEWER):
            register_role_permissions(
                role,
                view_permissions(
                    "channels", "publication", "delivery", "broadcastaudio", "broadcastslot", "channelaccount"
                ),
            )
