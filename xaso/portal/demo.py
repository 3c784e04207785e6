"""The portal's demo home page, replacing Wagtail's placeholder root page."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Page, Site

from xaso.portal.models import HomePage


@transaction.atomic
def load_home(log: Callable[[str], None]) -> HomePage:
    existing = HomePage.objects.first()
    if existing:
        log("Trang chủ: đã có.")
        return existing
    root = Page.get_first_root_node()
    home = HomePage(
        title="Trang thông tin điện tử xã Hoàng Văn Thụ",
        slug="trang-chu",
        intro=(
            "Thông tin về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của xã Hoàng Văn Thụ, tỉnh Lạng Sơn."
        ),
    )
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    placeholder = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Xã Hoàng Văn Thụ"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Xã Hoàng Văn Thụ"
        )
    if placeholder is not None and placeholder.specific_class is Page and placeholder.depth == 2:
        placeholder.delete()
    log("Trang chủ: đã tạo.")
    return home
