"""Residents search the portal with or without accents; drafts and scheduled articles never come out."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xaso.portal.search import highlight, normalise, portal_search
from xaso.testing.clock import pinned
from xaso.testing.factories import article

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned


def _titles(portal, query: str) -> list[str]:
    return [hit.page.title for hit in portal_search(root=portal.home, query=query).hits]


def test_it_finds_accented_text_from_a_query_without_accents(portal):
    article(portal.news, portal.linh, title="Chuyển đổi số ở thôn Nà Pàn", publish_as=portal.admin)
    assert "Chuyển đổi số ở thôn Nà Pàn" in _titles(portal, "chuyen doi so")
    assert "Chuyển đổi số ở thôn Nà Pàn" in _titles(portal, "CHUYỂN ĐỔI SỐ")
    assert "Chuyển đổi số ở thôn Nà Pàn" in _titles(portal, "na pan")


def test_it_matches_whole_syllables_only(portal):
    article(portal.news, portal.linh, title="Tổ công nghệ số", publish_as=portal.admin)
    article(portal.news, portal.linh, title="Bờ sông Kỳ Cùng", text="Nước sông lên.", publish_as=portal.admin)
    titles = _titles(portal, "so")
    assert "Tổ công nghệ số" in titles
    assert "Bờ sông Kỳ Cùng" not in titles


def test_title_matches_rank_above_text_matches(portal):
    article(
        portal.news, portal.linh, title="Tin thời tiết", text="Bà con chú ý chuyển đổi số.", publish_as=portal.admin
    )
    article(
        portal.news, portal.linh, title="Chuyển đổi số trong nông nghiệp", text="Nội dung.", publish_as=portal.admin
    )
    titles = _titles(portal, "chuyen doi so")
    assert titles.index("Chuyển đổi số trong nông nghiệp") < titles.index("Tin thời tiết")


def test_the_phrase_in_order_ranks_above_scattered_syllables(portal):
    article(portal.news, portal.linh, title="Số hóa, chuyển giao và đổi mới", text="Khác.", publish_as=portal.admin)
    article(portal.news, portal.linh, title="Hướng dẫn chuyển đổi số", text="Khác.", publish_as=portal.admin)
    titles = _titles(portal, "chuyen doi so")
    assert titles.index("Hướng dẫn chuyển đổi số") < titles.index("Số hóa, chuyển giao và đổi mới")


def test_accents_typed_by_the_reader_favour_the_exact_word(portal):
    article(portal.news, portal.linh, title="Sổ tay sơ cứu", text="Khác.", publish_as=portal.admin)
    article(portal.news, portal.linh, title="Sở Khoa học và Công nghệ", text="Khác.", publish_as=portal.admin)
    assert _titles(portal, "sở")[0] == "Sở Khoa học và Công nghệ"
    assert _titles(portal, "sổ")[0] == "Sổ tay sơ cứu"


def test_drafts_and_scheduled_articles_are_never_found(portal):
    article(portal.news, portal.linh, title="Bản nháp bí mật")
    article(
        portal.news,
        portal.linh,
        title="Bài hẹn giờ bí mật",
        go_live_at=timezone.now() + dt.timedelta(days=3),
        publish_as=portal.admin,
    )
    found = _titles(portal, "bi mat")
    assert "Bản nháp bí mật" not in found
    assert "Bài hẹn giờ bí mật" not in found


def test_a_draft_change_of_a_published_article_is_not_searchable(portal):
    page = article(portal.news, portal.linh, title="Tiêu đề công khai", publish_as=portal.admin)
    page.title = "Tiêu đề nháp riêng"
    page.save_revision(user=portal.linh)
    results = portal_search(root=portal.home, query="tieu de nhap rieng")
    assert not results.complete
    assert "Tiêu đề nháp riêng" not in [hit.page.title for hit in results.hits]
    assert _titles(portal, "tieu de cong khai")[0] == "Tiêu đề công khai"


def test_an_unpublished_article_disappears_from_search(portal):
    page = article(portal.news, portal.linh, title="Bài sẽ gỡ", publish_as=portal.admin)
    assert _titles(portal, "bai se go")[0] == "Bài sẽ gỡ"
    page.unpublish(user=portal.admin)
    assert "Bài sẽ gỡ" not in _titles(portal, "bai se go")


def test_when_no_page_has_every_word_it_offers_pages_with_some(portal):
    article(portal.news, portal.linh, title="Chuyển đổi số", publish_as=portal.admin)
    results = portal_search(root=portal.home, query="chuyen doi so khong tim thay xyz")
    assert not results.complete
    assert "Chuyển đổi số" in [hit.page.title for hit in results.hits]


def test_it_marks_the_matches_in_the_original_text():
    marked = highlight("Chuyển đổi số & <b>dân</b>", ["chuyen", "doi"])
    assert marked == "<mark>Chuyển</mark> <mark>đổi</mark> số &amp; &lt;b&gt;dân&lt;/b&gt;"
    assert normalise("Chuyển đổi số, 2025!") == " chuyen doi so 2025 "


def test_the_search_page_shows_results_and_empty_states(portal, client):
    article(portal.news, portal.linh, title="Chuyển đổi số ở trường học", publish_as=portal.admin)
    html = client.get("/tim-kiem/", {"q": "chuyen doi so"}).content.decode()
    assert "<mark>Chuyển</mark> <mark>đổi</mark> <mark>số</mark> ở trường học" in html
    assert "Không tìm thấy trang nào" in client.get("/tim-kiem/", {"q": "zzzz"}).content.decode()
    assert client.get("/tim-kiem/").status_code == 200
