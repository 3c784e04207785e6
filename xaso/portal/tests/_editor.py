"""Form data for the Wagtail page editor, as the browser would post it."""

from __future__ import annotations

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def article_form(
    *, title: str, text: str, unit: Any, slug: str = "", go_live_at: str = "", **extra: Any
) -> dict[str, Any]:
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": f"Tóm tắt: {title}.",
            "cover_alt": "",
            "cover_caption": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "unit": unit.pk,
            "author": "",
            "source": "",
            "document_number": "",
            "document_date": "",
            "document_issuer": "",
            "related_links": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": go_live_at,
            "expire_at": "",
            "comments": inline_formset([]),
        }
    )
    data.update(extra)
    return data
