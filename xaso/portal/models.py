"""The commune's e-information page (Trang thông tin điện tử xã), built with Wagtail."""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    intro = models.TextField("lời giới thiệu", blank=True, help_text="Một hai câu giới thiệu trang thông tin của xã.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "trang chủ"
        verbose_name_plural = "trang chủ"
