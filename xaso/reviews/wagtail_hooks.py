from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.backoffice.menu import PermissionMenuItem
from xaso.reviews import views


@hooks.register("register_admin_urls")
def register_review_urls() -> list[Any]:
    return [path("so-ket-tong-ket/", views.ReviewRequestView.as_view(), name="reviews_request")]


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item() -> MenuItem:
    return PermissionMenuItem(
        "Sơ kết, tổng kết",
        reverse("reviews_request"),
        permission="documents.add_renderjob",
        name="so-ket-tong-ket",
        icon_name="doc-full",
        order=190,
    )
