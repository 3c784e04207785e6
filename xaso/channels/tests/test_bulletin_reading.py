"""The loudspeaker script measured on real bulletin text: every sentence of
tests/data/bulletin_readings.yaml must be read exactly as the announcer reads it."""

from pathlib import Path

import pytest
import yaml

from xaso.channels.broadcast.services import broadcast_audio_prepare
from xaso.channels.services import publication_create
from xaso.vi.reading import Reader
from xaso.vi.seed_abbreviations import ABBREVIATIONS

CASES = yaml.safe_load((Path(__file__).parent / "data" / "bulletin_readings.yaml").read_text(encoding="utf-8"))
READER = Reader(ABBREVIATIONS)


def test_the_list_holds_at_least_a_hundred_sentences_of_every_kind():
    texts = [case["text"] for case in CASES]
    assert len(texts) >= 100
    assert len(set(texts)) == len(texts)
    kinds = {
        "telephone numbers": ("0912 345 678", "0205.3871.234", "1900 1234", "gọi 113"),
        "document codes": ("33/KH-UBND", "13/2023/NĐ-CP", "215/UBND-VHXH"),
        "web addresses": ("https://", "dichvucong.gov.vn"),
        "picture labels": ("Xem ảnh cỡ lớn", "(Ảnh: Thu Hà)"),
    }
    for kind, examples in kinds.items():
        for example in examples:
            assert any(example in text for text in texts), f"{kind}: {example}"


@pytest.mark.parametrize("case", CASES, ids=[f"{n:03d}" for n in range(1, len(CASES) + 1)])
def test_each_bulletin_sentence_is_read_as_the_announcer_reads_it(case):
    assert READER.verbalise(case["text"]) == case["reading"]


@pytest.mark.django_db
def test_the_bulletin_script_of_an_article_skips_labels_and_reads_phones_in_groups(commune):
    publication = publication_create(
        commune=commune,
        title="Hỗ trợ người dân cài đặt VNeID",
        summary="Đoàn Thanh niên xã hỗ trợ tại Nhà văn hóa các thôn từ ngày 15/9/2025.",
        body_html=(
            '<figure><img src="/media/anh.jpg" alt="Đoàn viên hỗ trợ người dân">'
            '<figcaption>Đoàn viên hỗ trợ người dân <a href="/media/anh.jpg">Xem ảnh cỡ lớn</a></figcaption></figure>'
            "<p>Mọi thắc mắc xin liên hệ số điện thoại 0912 345 678.</p>"
            '<p>Chi tiết xem tại <a href="https://hoangvanthu.langson.gov.vn/vneid">https://hoangvanthu.langson.gov.vn/vneid</a>.</p>'
        ),
    )
    assert broadcast_audio_prepare(publication=publication).script.splitlines() == [
        "Hỗ trợ người dân cài đặt vê nờ e ai đi.",
        "Đoàn Thanh niên xã hỗ trợ tại Nhà văn hóa các thôn từ ngày mười lăm tháng chín năm hai nghìn không trăm hai "
        "mươi lăm.",
        "Đoàn viên hỗ trợ người dân.",
        "Mọi thắc mắc xin liên hệ số điện thoại không chín một hai, ba bốn năm, sáu bảy tám.",
    ]
