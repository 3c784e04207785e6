"""Channels in the back office: accounts (secrets masked), loudspeaker groups, deliveries."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from xaso.channels import admin_views, selectors
from xaso.channels.forms import ChannelAccountForm, VillageGroupForm
from xaso.channels.models import ChannelAccount, Delivery, VillageGroup
from xaso.channels.pages import page_commune
from xaso.units.scoping import ScopedSnippetViewSet


class ChannelAccountViewSet(ScopedSnippetViewSet):
    model = ChannelAccount
    icon = "globe"
    menu_label = "Tài khoản kênh"
    menu_name = "channel-accounts"
    url_prefix = "kenh/tai-khoan"
    inspect_view_enabled = True
    inspect_view_fields = [
        "commune",
        "kind",
        "name",
        "remote_id",
        "is_active",
        "throttled_until",
        "credential_status",
        "token_expires_at",
        "refresh_expires_at",
        "problem",
    ]
    list_display = ["name", "kind", "commune", "is_active", "credential_status", "problem"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("commune"), FieldPanel("kind"), FieldPanel("unit")]),
            FieldRowPanel([FieldPanel("name"), FieldPanel("remote_id"), FieldPanel("is_active")]),
            FieldPanel("facebook_user_token"),
            FieldRowPanel([FieldPanel("app_id"), FieldPanel("app_secret"), FieldPanel("secret_key")]),
            FieldPanel("page_access_token"),
            FieldRowPanel([FieldPanel("access_token"), FieldPanel("refresh_token")]),
        ],
        base_form_class=ChannelAccountForm,
    )


class VillageGroupViewSet(ScopedSnippetViewSet):
    model = VillageGroup
    icon = "group"
    menu_label = "Cụm loa truyền thanh"
    menu_name = "village-groups"
    url_prefix = "kenh/cum-loa"
    list_display = ["name", "commune", "morning_time", "evening_time", "villages_summary"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("commune"), FieldPanel("name")]),
            FieldPanel("villages"),
            FieldRowPanel([FieldPanel("morning_time"), FieldPanel("evening_time")]),
        ],
        base_form_class=VillageGroupForm,
    )


class DeliveryViewSet(ScopedSnippetViewSet):
    model = Delivery
    icon = "resubmit"
    menu_label = "Lượt gửi lên kênh"
    menu_name = "deliveries"
    url_prefix = "kenh/luot-gui"
    inspect_view_enabled = True
    inspect_view_fields = [
        "publication", "account", "state", "publish_at", "attempts", "remote_id", "remote_url", "reach", "reason", "sent_at",
    ]  # fmt: skip
    list_display = ["publication", "account", "state_label", "remote_url", "reason"]
    list_filter = ["state"]


class ChannelsGroup(SnippetViewSetGroup):
    items = (DeliveryViewSet, ChannelAccountViewSet, VillageGroupViewSet)
    menu_icon = "globe"
    menu_label = "Kênh truyền thông"
    menu_name = "kenh"
    menu_order = 600


register_snippet(ChannelsGroup)


@hooks.register("register_admin_urls")
def register_channel_urls() -> list[Any]:
    return [
        path("kenh/bai/<int:page_id>/", admin_views.ChannelPanelView.as_view(), name="channels_page_panel"),
        path("kenh/ban-tin/<int:audio_id>/tien-do/", admin_views.audio_progress, name="channels_audio_progress"),
    ]


def _channel_button(page: Any, user: Any, priority: int) -> Any:
    commune = page_commune(page)
    if commune is None or not selectors.communes_following(user=user).filter(pk=commune.pk).exists():
        return None
    return PageMenuItem(
        "Gửi lên các kênh",
        reverse("channels_page_panel", args=[page.pk]),
        icon_name="globe",
        priority=priority,
        page=page,
    )


@hooks.register("register_page_header_buttons")
def page_header_channel_button(page: Any, user: Any, view_name: str, next_url: str | None = None) -> Any:
    button = _channel_button(page, user, 66)
    if button is not None:
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_channel_button(page: Any, user: Any, next_url: str | None = None) -> Any:
    button = _channel_button(page, user, 66)
    if button is not None:
        yield button


class ChannelsAttentionPanel(Component):
    """On the back office's home page: the channel accounts that will fail (or already fail)
    unless someone reconnects them, with what to do. Shown to those who configure them."""

    name = "channels_attention"
    order = 60
    template_name = "channels/admin/home_panel.html"

    def __init__(self, accounts: list[Any]):
        self.accounts = accounts

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"accounts": self.accounts}


@hooks.register("construct_homepage_panels")
def channels_attention_panel(request: Any, panels: list[Any]) -> None:
    accounts = list(selectors.accounts_needing_attention(user=request.user, now=timezone.now())[:10])
    if accounts:
        panels.append(ChannelsAttentionPanel(accounts))
