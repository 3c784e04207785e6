"""Anyone can read the whole plan, in Vietnamese, without logging in."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_every_target_and_task(demo, client):
    response = client.get(reverse("plans:current"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xã Hoàng Văn Thụ, ngày 23 tháng 8 năm 2025" in html
    assert "KT. CHỦ TỊCH" in html
    for target in demo.plan.targets.all():
        assert target.text in html
    for task in demo.plan.tasks.all():
        assert task.text in html
    assert "ít nhất 80%" in html
    assert "Báo cáo 6 tháng đầu năm: trước ngày 05/06" in html
    assert "- Lưu: VT, VHXH." in html


def test_each_legal_basis_is_cited_with_its_document_type(demo, client):
    html = client.get(reverse("plans:current"), follow=True).content.decode()
    assert "Quyết định số 1169/QĐ-TTg ngày 16/6/2025 của Thủ tướng Chính phủ" in html
    assert "Kế hoạch số 211/KH-UBND ngày 12/8/2025" in html
    assert "Nghị quyết số 57-NQ/TW ngày 22/12/2024" in html
    assert "<li>1169/QĐ-TTg" not in html


def test_an_unknown_plan_is_a_clear_404(demo, client):
    response = client.get(reverse("plans:detail", args=[99999]))
    assert response.status_code == 404
