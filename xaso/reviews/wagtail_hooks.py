from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from xaso.reviews import views


class ReviewsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("documents.add_renderjob"))


@hooks.register("register_admin_urls")
def register_review_urls() -> list[Any]:
    return [path("so-ket-tong-ket/", views.ReviewRequestView.as_view(), name="reviews_request")]


@hooks.register("register_admin_menu_item")
def register_reviews_menu_item() -> MenuItem:
    return ReviewsMenuItem(
        "Sơ kết, tổng kết", reverse("reviews_request"), name="so-ket-tong-ket", icon_name="doc-full", order=190
    )
