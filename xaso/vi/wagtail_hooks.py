"""The reading dictionary in the back office (Truyền thông › Từ điển đọc)."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet

from xaso.units.scoping import ScopedSnippetViewSet
from xaso.vi.forms import AbbreviationForm
from xaso.vi.models import Abbreviation


class AbbreviationViewSet(ScopedSnippetViewSet):
    model = Abbreviation
    icon = "openquote"
    menu_label = "Từ điển đọc chữ viết tắt"
    menu_name = "reading-dictionary"
    url_prefix = "truyen-thong/tu-dien-doc"
    add_to_admin_menu = True
    menu_order = 620
    list_display = ["text", "expansion", "commune", "note"]
    search_fields = ["text", "expansion"]
    edit_handler = ObjectList(
        [FieldRowPanel([FieldPanel("text"), FieldPanel("expansion")]), FieldPanel("commune"), FieldPanel("note")],
        base_form_class=AbbreviationForm,
    )


register_snippet(AbbreviationViewSet)
