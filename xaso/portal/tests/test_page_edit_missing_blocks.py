"""Saving a page whose block editor's fields did not arrive (a script, a half-sent form): the editor
sees a Vietnamese message on the body, and the article's body and history stay as they were (the
crawl's page-edit POST without `body-count` was a server error)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.inputs.streamfields import ERR_BLOCKS_MISSING
from xaso.portal.models import ArticlePage
from xaso.testing.badinputs import assert_vietnamese
from xaso.testing.factories import article

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "Tiêu đề mới", "slug": "tieu-de-moi"},
        {"title": "Tiêu đề mới", "body-count": "1"},
        {"title": "Tiêu đề mới", "body-count": "²"},
    ],
)
def test_an_edit_without_the_bodys_fields_is_refused_and_keeps_the_body(portal, client_for, data):
    page = article(portal.news, portal.linh)
    revisions, body = page.revisions.count(), list(page.body.raw_data)
    response = client_for(portal.linh).post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["body"] == [ERR_BLOCKS_MISSING]
    assert_vietnamese(errors["body"])
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.revisions.count() == revisions
    assert list(page.body.raw_data) == body


def test_a_new_article_without_its_body_is_refused(portal, client_for):
    url = reverse("wagtailadmin_pages:add", args=["portal", "articlepage", portal.news.pk])
    response = client_for(portal.linh).post(url, {"title": "Bài mới", "slug": "bai-moi"})
    assert response.status_code == 200
    assert response.context["form"].errors["body"] == [ERR_BLOCKS_MISSING]
    assert not ArticlePage.objects.filter(title="Bài mới").exists()
