"""Commendations in the back office (scoped proposals, their processing page) and on the portal's honour roll."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import path
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet

from xaso.honours import admin_views, selectors
from xaso.honours.forms import ProposalForm
from xaso.honours.models import Proposal
from xaso.honours.report import honour_sections
from xaso.units.scoping import ScopedSnippetViewSet


class ProposalViewSet(ScopedSnippetViewSet):
    model = Proposal
    icon = "pick"
    menu_label = "Khen thưởng, tôn vinh"
    menu_name = "honours"
    url_prefix = "khen-thuong"
    add_to_admin_menu = True
    menu_order = 170
    list_display = ["nominee", "unit", "kind", "status", "decision_number", "process_link"]
    list_filter = ["status", "kind"]
    search_fields = ["nominee", "achievement"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("nominee"), FieldPanel("nominee_position")]),
            FieldPanel("achievement"),
            FieldPanel("honour_form"),
            FieldPanel("public_summary"),
            FieldPanel("public_consent"),
            InlinePanel("evidence", heading="Minh chứng thành tích", label="tệp minh chứng"),
        ],
        base_form_class=ProposalForm,
    )

    def get_queryset(self, request: Any) -> Any:
        return super().get_queryset(request).select_related("unit")


register_snippet(ProposalViewSet)


@hooks.register("register_admin_urls")
def register_honours_urls() -> list[Any]:
    return [path("khen-thuong/<int:pk>/xu-ly/", admin_views.proposal_process, name="honours_process")]


@hooks.register("portal_topic_extras")
def honour_roll(page: Any) -> dict[str, Any] | None:
    """The decided commendations under the honours sub-section of the commune's portal."""
    from xaso.portal.models.pages import TopicLayout
    from xaso.portal.selectors import commune_of_page

    if page.layout != TopicLayout.HONOURS:
        return None
    commune = commune_of_page(page=page)
    if commune is None:
        return None
    return {"template": "honours/roll.html", "proposals": list(selectors.honour_roll(commune_id=commune.pk))}


# What this app says in every programme report (xaso.documents.sections).
hooks.register("programme_report_sections", honour_sections)
