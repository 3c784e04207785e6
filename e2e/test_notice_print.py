"""The printable notice of an article, printed by chromium to A4 as the village head prints it for the
notice board: the typed address comes out with every syllable whole, its lines ending only after a "/"
(pdftotext and pdfplumber read the printed PDF back)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from playwright.sync_api import Page

from xaso.documents.tests.reading import pdf_info, pdf_text
from xaso.portal.demo import load_home, load_section
from xaso.portal.models import TopicPage
from xaso.testing.factories import article

pytestmark = pytest.mark.django_db(transaction=True)

# Titles as long as officials write them: each address is longer than a line of the notice, and a line
# cut wherever it is full (CSS break-all) would end inside a syllable of each: "ba/n-hang", "dan/h-dien".
TITLES = (
    "Hướng dẫn bà con thôn Khuổi Nhàn bán hàng trên sàn thương mại điện tử Postmart",
    "Hướng dẫn cài đặt ứng dụng định danh điện tử VNeID cho người cao tuổi",
    "Hướng dẫn cài đặt và kích hoạt ứng dụng định danh điện tử VNeID mức độ 2 cho người cao tuổi ở thôn Nà Pàn "
    "và thôn Khuổi Nhàn, xã Hoàng Văn Thụ",
)


def _quiet(_: str) -> None:
    return None


def _address_lines(text: str, address: str) -> list[str]:
    """The printed lines holding the typed address: the line where it starts, then the lines that go on
    with the rest of it."""
    lines = [line.strip() for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if address.split("://")[0] + "://" in line)
    found = [lines[start][lines[start].index(address.split("://")[0] + "://") :]]
    for line in lines[start + 1 :]:
        rest = address[len("".join(found)) :]
        if not rest or not line or not rest.startswith(line):
            break
        found.append(line)
    return found


def test_the_printed_notice_keeps_every_syllable_of_a_long_address_whole(demo, wagtail_roots, page: Page, tmp_path):
    load_home(_quiet)
    news = TopicPage.objects.child_of(load_section(_quiet)).get(slug="tin-tuc")
    admin = type(demo.hung).objects.get(username="quantri")
    for number, title in enumerate(TITLES, start=1):
        notice = article(news, demo.linh, title=title, publish_as=admin)
        page.goto(f"{notice.url}thong-bao-in/")
        path = tmp_path / f"thong-bao-{number}.pdf"
        # As "In" → "Lưu dưới dạng PDF" prints it: the page's own @page size (A4), print styles.
        page.emulate_media(media="print")
        path.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
        _check(path, f"{settings.BASE_URL}{notice.url}")


def _check(path: Path, address: str) -> None:
    assert len(address) > 90, address  # longer than a line of the notice
    info = pdf_info(str(path))
    assert info["Pages"] == "1", "the notice is one sheet for the board"
    assert "(A4)" in info["Page    1 size"]
    text = pdf_text(str(path))
    lines = _address_lines(text, address)
    assert "".join(lines) == address, (lines, text)
    assert len(lines) > 1, "a long address takes several lines"
    # A line ends only after a "/": never inside a syllable, nor after a "-" that reads as a hyphenation.
    assert all(line.endswith("/") for line in lines[:-1]), lines
    syllables = [s for s in re.split(r"[/:.\-]+", address) if s]
    printed = {word for line in lines for word in re.split(r"[/:.\-]+", line) if word}
    assert [s for s in syllables if s not in printed] == []
    # Nothing of the address runs off the paper: every character of it is inside the page.
    with pdfplumber.open(path) as pdf:
        sheet = pdf.pages[0]
        mono = ("LiberationMono", "DejaVuSansMono")
        typed = [c for c in sheet.chars if c["fontname"].split("+")[-1].startswith(mono)]
        assert len(typed) == len(address), {c["fontname"] for c in sheet.chars}
        assert all(c["x0"] >= 0 and c["x1"] <= sheet.width for c in typed)
