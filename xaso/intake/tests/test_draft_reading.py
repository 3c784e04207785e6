"""Reading in the background: a document with no text fails with a Vietnamese reason, can be read
again, and a draft is read once however many workers pick it up."""

from __future__ import annotations

import pytest

from xaso.intake.models import DraftStatus, PlanDraft
from xaso.intake.services import draft_retry, draft_run
from xaso.intake.tests.conftest import docx_bytes

pytestmark = pytest.mark.django_db


def test_a_document_without_text_fails_and_says_why(demo, read_draft):
    draft = read_draft(name="trong.docx", data=docx_bytes(""))
    assert draft.status == DraftStatus.FAILED
    assert draft.error == "Không tìm thấy chữ nào trong tệp."
    assert draft.step == "Không thành công"


def test_a_failed_draft_is_read_again(demo, read_draft, django_capture_on_commit_callbacks):
    draft = read_draft(name="trong.docx", data=docx_bytes(""))
    with django_capture_on_commit_callbacks(execute=False):
        draft_retry(draft=draft, user=demo.thu)
    draft.refresh_from_db()
    assert (draft.status, draft.progress, draft.error) == (DraftStatus.QUEUED, 0, "")


def test_a_ready_draft_is_not_read_again(demo, read_draft):
    draft = read_draft()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        draft_retry(draft=draft, user=demo.thu)
    draft_run(draft_id=str(draft.pk))
    assert PlanDraft.objects.get(pk=draft.pk).attempt == 1


def test_the_seeds_ocr_text_is_read_with_diacritics_restored(demo, read_draft):
    from pathlib import Path

    ocr = (Path(__file__).resolve().parents[2] / "plans" / "seed" / "ke-hoach-33-KH-UBND.ocr.txt").read_text()
    draft = read_draft(ocr)
    assert (draft.status, draft.text_mode) == (DraftStatus.READY, "ocr")
    assert len(draft.draft["targets"]) == 9
    assert sum(1 for words in draft.restored_words if words) > 50


def test_the_page_of_a_failed_draft_says_why_and_offers_to_read_again(demo, read_draft, client_for):
    from django.urls import reverse

    draft = read_draft(name="trong.docx", data=docx_bytes(""))
    html = client_for(demo.thu).get(reverse("intake_draft", args=[draft.pk])).content.decode()
    assert "Không tìm thấy chữ nào trong tệp." in html
    assert "Đọc lại văn bản" in html
    assert "draft-review" not in html
