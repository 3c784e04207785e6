"""The shipped default programme is the whole seed plan, in Vietnamese with diacritics."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from xaso.plans.demo import SEED_PLAN
from xaso.plans.document import PlanBody, parse_plan_yaml
from xaso.vi.text import fold

# The scanned original, kept beside the restored plan so the comparison runs anywhere.
OCR_SEED = SEED_PLAN.with_suffix(".ocr.txt")


def plan_texts() -> list[str]:
    body = parse_plan_yaml(SEED_PLAN.read_bytes())[0].plan
    texts = [body.title, *body.preamble, *body.purposes, body.general_objective, body.funding.text, body.closing]
    texts += [t.text for t in body.targets]
    texts += [g.title for g in body.task_groups] + [t.text for g in body.task_groups for t in g.tasks]
    texts += [item for r in body.responsibilities for item in r.items]
    texts += [r.text for r in body.recipients]
    return texts


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def test_it_has_every_section_of_the_seed():
    body = parse_plan_yaml(SEED_PLAN.read_bytes())[0].plan
    assert body.code == "33/KH-UBND"
    assert body.issued_on.isoformat() == "2025-08-23"
    assert body.signer.authority == "KT. CHỦ TỊCH"
    assert [b.code for b in body.legal_bases] == ["1169/QĐ-TTg", "211/KH-UBND", "57-NQ/TW"]
    assert len(body.purposes) == 6
    assert [t.period for t in body.targets] == ["2025", "2025", "2026", "2026", "2027", "2027", *["2028-2030"] * 3]
    assert [len(g.tasks) for g in body.task_groups] == [6, 7, 4]
    assert [g.key for g in body.task_groups] == ["mass_media", "schools", "enterprises"]
    assert [s.kind for s in body.funding.sources] == ["state_budget", "integrated", "socialised"]
    assert [len(r.items) for r in body.responsibilities] == [6, 4, 2, 2]
    assert [(d.month, d.day) for d in body.reporting.deadlines] == [(6, 5), (1, 5)]
    assert body.reporting.ad_hoc is True
    assert len(body.recipients) == 7
    assert body.recipients[-1].text == "Lưu: VT, VHXH"


def test_every_text_is_in_composed_vietnamese_with_diacritics():
    for text in plan_texts():
        assert unicodedata.normalize("NFC", text) == text
    joined = " ".join(plan_texts())
    for phrase in (
        "đổi mới sáng tạo",
        "chuyển đổi số",
        "Bình dân học vụ số",
        "tổ công nghệ số cộng đồng",
        "không dùng tiền mặt",
        "Ủy ban nhân dân",
        "Sở Khoa học và Công nghệ",
    ):
        assert phrase in joined


def document_words(body: PlanBody) -> list[str]:
    """The plan's texts in the order the document prints them."""
    texts = [body.title, *body.preamble, *body.purposes, body.general_objective, *(t.text for t in body.targets)]
    for group in body.task_groups:
        texts += [group.title, *(task.text for task in group.tasks)]
    texts.append(body.funding.text)
    for responsibility in body.responsibilities:
        texts += [responsibility.heading, *responsibility.items]
    texts.append(body.closing)
    return [word for text in texts for word in words(text)]


def longest_missing_run(plan_words: list[str]) -> tuple[int, str]:
    """The longest run of the scan's words (accents folded) with no counterpart in the plan.
    OCR damage leaves short runs (a garbled word or two); a dropped sentence leaves a long one."""
    ocr = OCR_SEED.read_text(encoding="utf-8")
    scan = words(ocr[ocr.index("KE HOACH") : ocr.index("Noi nhén")])
    matcher = SequenceMatcher(None, scan, plan_words, autojunk=False)
    longest, where, position = 0, 0, 0
    for block in matcher.get_matching_blocks():
        if block.a - position > longest:
            longest, where = block.a - position, position
        position = block.a + block.size
    return longest, " ".join(scan[where : where + longest])


# Headings the template prints ("II. MỤC TIÊU CHƯƠNG TRÌNH 1. Mục tiêu chung") are the
# longest legitimate gap (9 words); dropping any point of 10+ words leaves 15 or more.
MAX_MISSING_RUN = 12


def test_every_point_of_the_ocr_seed_is_found_in_the_plan():
    body = parse_plan_yaml(SEED_PLAN.read_bytes())[0].plan
    run, text = longest_missing_run(document_words(body))
    assert run <= MAX_MISSING_RUN, f"Đoạn của văn bản gốc không có trong kế hoạch: {text!r}"


def test_the_comparison_notices_a_dropped_point():
    body = parse_plan_yaml(SEED_PLAN.read_bytes())[0].plan
    shortened = body.model_copy(update={"purposes": body.purposes[:4] + body.purposes[5:]})
    run, _ = longest_missing_run(document_words(shortened))
    assert run > MAX_MISSING_RUN
