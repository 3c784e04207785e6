"""An article exists once its editor saves it: the new-article screen does not autosave (an empty draft
used to appear, and its address blocked the article written again). An address already used in the
section is explained, with a free one to use; left empty, the address made from the title is a free one."""

from __future__ import annotations

from django.urls import reverse

from xaso.portal.models import ArticlePage
from xaso.portal.page_forms import ERR_SLUG_TAKEN
from xaso.testing.second_factor import login_verified
from xaso.units.models import OrgUnit

from ._editor import article_form

TITLE = "Chuyển đổi số ở trường"


def _add_url(topic) -> str:
    return reverse("wagtailadmin_pages:add", args=["portal", "articlepage", topic.pk])


def _save(client, topic, **fields):
    unit = OrgUnit.objects.get(code="ls-hvt-thcs")
    return client.post(_add_url(topic), article_form(title=TITLE, text="Nội dung.", unit=unit, **fields))


def test_opening_the_new_article_screen_saves_nothing_until_the_editor_does(portal, client):
    login_verified(client, portal.admin)
    before = ArticlePage.objects.count()
    page = client.get(_add_url(portal.news))
    assert page.status_code == 200
    assert page.context["autosave_enabled"] is False
    assert "data-w-autosave-interval-value" not in page.text  # the form is not wired to autosave
    assert ArticlePage.objects.count() == before


def test_the_same_title_again_gets_a_free_address(portal, client):
    login_verified(client, portal.admin)
    assert _save(client, portal.news).status_code == 302
    assert _save(client, portal.news).status_code == 302
    slugs = sorted(ArticlePage.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert slugs == ["chuyen-doi-so-o-truong", "chuyen-doi-so-o-truong-2"]


def test_a_typed_address_already_used_is_explained_with_one_to_use(portal, client):
    login_verified(client, portal.admin)
    _save(client, portal.news)
    response = _save(client, portal.news, slug="chuyen-doi-so-o-truong")
    assert response.status_code == 200
    message = ERR_SLUG_TAKEN.format(
        slug="chuyen-doi-so-o-truong", title=TITLE, state=" (bản nháp chưa đăng)", free="chuyen-doi-so-o-truong-2"
    )
    assert response.context["form"].errors["slug"] == [message]
    assert ArticlePage.objects.filter(title=TITLE).count() == 1
