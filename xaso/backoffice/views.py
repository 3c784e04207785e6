"""What the project's own back-office screens share."""

from __future__ import annotations

from typing import Any


class HereInBreadcrumbs:
    """The header names the screen the person is on. Wagtail's default breadcrumbs end at "Trang chủ",
    which is all a phone shows of them: the screen's own title is added as the last item."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = list(super().get_breadcrumbs_items())  # type: ignore[misc]
        if len(items) <= 1:
            items.append({"url": "", "label": self.get_page_title()})  # type: ignore[attr-defined]
        return items
