"""The article editing form (kept apart from the upload forms: page models import it,
and Wagtail's image and document form modules must not load while models do)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from xaso.units.models import OrgUnit

# Wagtail's own page fields, explained in the editors' words.
WAGTAIL_FIELD_HELP = {
    "title": "Tên trang hoặc tiêu đề bài, như người đọc sẽ thấy; ngắn gọn, có dấu đầy đủ.",
    "slug": "Phần cuối của địa chỉ trang, chữ không dấu nối bằng gạch ngang; để trống thì tự tạo từ tiêu đề.",
    "seo_title": "Tiêu đề hiện trên thẻ trình duyệt và kết quả tìm kiếm, nếu muốn khác tiêu đề trang.",
    "search_description": "Một câu mô tả trang cho kết quả tìm kiếm; để trống thì dùng phần tóm tắt.",
    "go_live_at": "Hẹn giờ đăng: bài đã được duyệt sẽ tự hiện lúc này.",
    "expire_at": "Hẹn giờ gỡ: bài tự ẩn lúc này (để trống nếu không cần).",
}


ERR_SLUG_TAKEN = (
    "Địa chỉ “{slug}” đã dùng cho trang “{title}”{state} trong cùng mục. Hãy sửa ô “Đường dẫn”, ví dụ “{free}”, "
    "hoặc để trống để tự tạo một địa chỉ chưa dùng."
)


def free_slug(slug: str, *, parent: Any, instance: Any) -> str:
    """`slug`, or `slug-2`, `slug-3`… — the first not used by another page under `parent`."""
    from wagtail.models import Page

    candidate, number = slug, 1
    while parent is not None and not Page._slug_is_available(candidate, parent, instance):
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class PortalPageForm(WagtailAdminPageForm):
    """Vietnamese help on Wagtail's own fields; the address (slug) always ASCII, made from the title if empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, text in WAGTAIL_FIELD_HELP.items():
            if name in self.fields:
                self.fields[name].help_text = text
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self) -> str:
        """A typed address is kept (a clash is explained in clean()); one made from the title avoids
        the addresses already used in the section, as the editor asked for none in particular."""
        from xaso.portal.services import vi_slug

        typed: str = self.cleaned_data.get("slug") or ""
        slug = vi_slug(typed or self.cleaned_data.get("title") or self.data.get("title", ""))
        if not typed and slug:
            slug = free_slug(slug, parent=self.parent_page, instance=self.instance)
        return slug

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        slug = cleaned.get("slug") or self.data.get("slug", "")
        if "slug" in self.errors and slug and self.parent_page is not None:
            other = self.parent_page.get_children().filter(slug=slug).exclude(pk=self.instance.pk or 0).first()
            if other is not None:
                self.errors["slug"] = self.error_class(
                    [
                        ERR_SLUG_TAKEN.format(
                            slug=slug,
                            title=other.title,
                            state="" if other.live else " (bản nháp chưa đăng)",
                            free=free_slug(slug, parent=self.parent_page, instance=self.instance),
                        )
                    ]
                )
        return cleaned


class ArticlePageForm(PortalPageForm):
    """Limits the article's unit to the units of the commune whose portal it is on."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from xaso.portal.selectors import audiences_for_commune, commune_of_page, units_for_articles

        parent = self.parent_page
        commune = commune_of_page(page=parent) if parent is not None else None
        if "unit" in self.fields:
            self.fields["unit"].queryset = units_for_articles(commune=commune)
            if not self.instance.pk and not self.initial.get("unit"):
                self.initial["unit"] = _default_unit(user=self.for_user, commune=commune)
        if "audiences" in self.fields:
            # Another commune's own list is not offered (nor its names shown).
            self.fields["audiences"].queryset = audiences_for_commune(commune=commune)


def _default_unit(*, user: Any, commune: OrgUnit | None) -> int | None:
    if user is None or commune is None:
        return None
    membership = user.memberships.filter(unit__commune=commune).order_by("pk").first()
    return membership.unit_id if membership else None
