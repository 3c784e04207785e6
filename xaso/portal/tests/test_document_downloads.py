"""A file uploaded to the commune's collection is public once a live page links it, not before."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model

from xaso.portal.services import home_collection
from xaso.testing.factories import article
from xaso.testing.second_factor import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(portal, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    doc = get_document_model()(title="Quyết định khen thưởng (dự thảo)", collection=home_collection(home=portal.home))
    doc.file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    doc.save()
    return doc


def _get(user, url):
    client = Client()
    if user is not None:
        login_verified(client, user)
    return client.get(url)


def test_a_file_no_live_page_links_is_for_the_portal_editors_only(document, portal):
    url = document.url
    assert _get(None, url).status_code == 404
    assert _get(portal.thu, url).status_code == 404
    assert _get(portal.mai, url).status_code == 404
    assert _get(portal.linh, url).status_code == 200
    assert _get(portal.hung, url).status_code == 200


def test_a_file_linked_from_a_published_article_is_public(document, portal):
    body = [{"type": "downloads", "value": {"heading": "Tài liệu", "items": [{"document": document.pk, "label": ""}]}}]
    page = article(portal.news, portal.linh, title="Quyết định khen thưởng", publish_as=portal.hung)
    page.body = body
    page.save_revision(user=portal.hung).publish(user=portal.hung)
    assert _get(None, document.url).status_code == 200


def test_the_file_is_never_served_as_plain_media(document, portal):
    assert _get(None, f"/media/{document.file.name}").status_code == 404
    assert _get(portal.admin, f"/media/{document.file.name}").status_code == 404
