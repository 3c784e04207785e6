"""`manage.py load_demo` builds the section, its plan page and the demo articles once, and only once."""

from __future__ import annotations

from xaso.demo.loaders import STEPS
from xaso.portal.models import ArticlePage, PlanPage, SectionPage, TopicPage


def _quiet(_: str) -> None:
    return None


def test_it_builds_the_section_with_demo_articles_and_is_idempotent(db, client):
    for step in STEPS:
        step(_quiet)
    counts = (
        SectionPage.objects.count(),
        TopicPage.objects.count(),
        PlanPage.objects.count(),
        # Other apps' demo steps may add drafts (a showcased model's article): not the portal's own demo.
        ArticlePage.objects.filter(live=True).count(),
    )
    for step in STEPS:
        step(_quiet)
    assert counts == (1, 8, 1, 7)
    assert (SectionPage.objects.count(), TopicPage.objects.count(), ArticlePage.objects.filter(live=True).count()) == (
        1,
        8,
        7,
    )
    articles = ArticlePage.objects.filter(live=True)
    assert all(page.live and page.is_demo for page in articles)
    podcast = ArticlePage.objects.get(slug="to-cong-nghe-so-na-pan-huong-dan-vneid")
    audio = next(block.value for block in podcast.body if block.block_type == "audio")
    with audio["file"].file.open("rb") as handle:
        assert handle.read(4) == b"OggS"
    response = client.get(podcast.url)
    assert response.status_code == 200
    assert "Bài minh họa" in response.content.decode()
