"""A showcase becomes a draft article in the portal's typical-models sub-section; the editor
completes it and the leader approves it in the portal's workflow."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.outreach.models import Showcase
from xaso.outreach.services import ERR_NO_TOPIC, TYPICAL_MODELS_SLUG, showcase_article_draft, showcase_save

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def qr_honey(units):
    return showcase_save(
        showcase=Showcase(
            unit=units.kt,
            enterprise=units.htx,
            owner_name="Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
            kind="model",
            title="Sơ chế, đóng gói hồi có truy xuất nguồn gốc bằng mã QR",
            summary="Hợp tác xã gắn mã QR cho từng lô hồi khô; người mua quét mã để biết vùng trồng.",
            details="Mỗi lô hồi có nhật ký điện tử.\nGiá bán tăng 15% so với hồi không có mã.",
            date=dt.date(2026, 11, 5),
            channel="hội nghị chuyên đề tại hợp tác xã",
            participants=30,
        )
    )


def test_it_creates_a_draft_in_the_typical_models_sub_section(demo, portal, units, qr_honey):
    article = showcase_article_draft(showcase=qr_honey, user=demo.tuan)
    assert article.get_parent().slug == TYPICAL_MODELS_SLUG
    assert not article.live
    assert article.has_unpublished_changes
    assert article.title == qr_honey.title
    assert article.intro == qr_honey.summary
    assert article.unit == units.htx
    assert article.owner == demo.tuan
    assert [a.slug for a in article.audiences.all()] == ["doanh-nghiep"]
    text = article.plain_text()
    assert "Giá bán tăng 15% so với hồi không có mã." in text
    assert "Chủ mô hình, sáng kiến: Hợp tác xã Nông nghiệp Hoàng Văn Thụ." in text
    qr_honey.refresh_from_db()
    assert qr_honey.article_id == article.pk


def test_asking_twice_gives_the_same_draft(demo, portal, qr_honey):
    first = showcase_article_draft(showcase=qr_honey, user=demo.lan)
    assert showcase_article_draft(showcase=qr_honey, user=demo.lan).pk == first.pk


def test_two_showcases_of_the_same_title_get_two_addresses(demo, portal, units, qr_honey):
    twin = showcase_save(
        showcase=Showcase(
            unit=units.kt,
            owner_name="Hộ ông Lành Văn Tú",
            title=qr_honey.title,
            summary="Cùng cách làm ở quy mô hộ gia đình.",
            date=dt.date(2026, 11, 6),
        )
    )
    slugs = {showcase_article_draft(showcase=s, user=demo.lan).slug for s in (qr_honey, twin)}
    assert len(slugs) == 2


def test_without_the_sub_section_it_says_what_is_missing(demo, qr_honey):
    with pytest.raises(ValidationError) as error:
        showcase_article_draft(showcase=qr_honey, user=demo.lan)
    assert error.value.messages == [ERR_NO_TOPIC]
    qr_honey.refresh_from_db()
    assert qr_honey.article is None


def test_the_editor_completes_it_and_only_the_leader_may_publish(demo, portal, qr_honey):
    article = showcase_article_draft(showcase=qr_honey, user=demo.tuan)
    assert article.permissions_for_user(demo.linh).can_edit()
    assert not article.permissions_for_user(demo.linh).can_publish()
    assert article.permissions_for_user(demo.hung).can_publish()
    assert not article.permissions_for_user(demo.mai).can_edit()
