"""The article editor in the back office: Vietnamese help on every field, units of the commune only."""

from __future__ import annotations

from django.urls import reverse

from xaso.portal.models import ArticlePage
from xaso.testing.second_factor import login_verified
from xaso.units.models import OrgUnit

from ._editor import article_form


def _add_url(topic) -> str:
    return reverse("wagtailadmin_pages:add", args=["portal", "articlepage", topic.pk])


def test_every_editor_field_of_an_article_has_help_text():
    from xaso.portal.models import HomePage, PlanPage, SectionPage, TopicPage

    own_fields = {"intro", "cover", "cover_alt", "cover_caption", "body", "unit", "audiences", "author", "source"}
    own_fields |= {"document_number", "document_date", "document_issuer"}
    for name in own_fields:
        assert ArticlePage._meta.get_field(name).help_text, name
    for model in (HomePage, SectionPage, TopicPage, PlanPage):
        for field in model._meta.get_fields(include_parents=False):
            if getattr(field, "editable", False) and not field.auto_created and field.name != "page_ptr":
                assert field.help_text, f"{model.__name__}.{field.name}"


def test_the_unit_choices_are_the_units_of_the_portal_commune(portal, client):
    login_verified(client, portal.admin)
    response = client.get(_add_url(portal.news))
    assert response.status_code == 200
    choices = set(response.context["form"].fields["unit"].queryset)
    assert OrgUnit.objects.get(code="ls-hvt-thcs") in choices
    assert OrgUnit.objects.get(code="ls-hvt") in choices
    assert OrgUnit.objects.get(code="ls-tt-th") not in choices  # a school of another commune


def test_saving_a_new_article_from_the_editor_makes_a_draft_with_an_ascii_address(portal, client):
    login_verified(client, portal.admin)
    unit = OrgUnit.objects.get(code="ls-hvt-thcs")
    response = client.post(
        _add_url(portal.news),
        article_form(title="Chuyển đổi số ở trường", slug="chuyển-đổi-số-ở-trường", text="Nội dung.", unit=unit),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ArticlePage.objects.get(title="Chuyển đổi số ở trường")
    assert not page.live
    assert page.unit == unit
    assert page.slug == "chuyen-doi-so-o-truong"
