"""Each article has a QR code of its public address (SVG drawn on the server) and a printable notice."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw

from xaso.testing.factories import article

SVG = "{http://www.w3.org/2000/svg}"
SCALE = 8


def _decode(svg: str, tmp_path: Path) -> str:
    """Draws the SVG's modules as a picture and reads it with zbarimg, as a phone camera would."""
    root = ET.fromstring(svg)  # noqa: S314 - our own response
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    picture = Image.new("L", (int(width) * SCALE, int(height) * SCALE), 255)
    draw = ImageDraw.Draw(picture)
    for path in root.iter(f"{SVG}path"):
        for x, y, right, bottom in re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+z", path.get("d", "")):
            box = (float(x) * SCALE, float(y) * SCALE, float(right) * SCALE - 1, float(bottom) * SCALE - 1)
            draw.rectangle(box, fill=0)
    png = tmp_path / "qr.png"
    picture.save(png)
    result = subprocess.run(  # noqa: S603
        ["zbarimg", "--quiet", "--raw", str(png)],  # noqa: S607 - Debian's zbar-tools
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_qr_code_opens_the_article_public_address(portal, client, tmp_path):
    page = article(portal.news, portal.linh, title="Chuyển đổi số ở thôn Nà Pàn", publish_as=portal.admin)
    response = client.get(f"{page.url}ma-qr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert _decode(response.content.decode(), tmp_path) == f"{settings.BASE_URL}{page.url}"


def test_the_printable_notice_carries_the_title_the_code_and_the_address(portal, client, tmp_path):
    page = article(
        portal.news,
        portal.linh,
        title="Họp thôn bàn về chuyển đổi số",
        intro="Mời bà con dự họp tối thứ Sáu.",
        publish_as=portal.admin,
    )
    html = client.get(f"{page.url}thong-bao-in/").content.decode()
    assert "<h1>Họp thôn bàn về chuyển đổi số</h1>" in html
    assert "Mời bà con dự họp tối thứ Sáu." in html
    typed = html[html.index('<strong class="typed') : html.index("</strong>")]
    assert re.sub(r"<[^>]+>", "", typed.split(">", 1)[1]) == f"{settings.BASE_URL}{page.url}"
    assert "hướng vào mã này để đọc toàn bài" in html
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    assert _decode(svg, tmp_path) == f"{settings.BASE_URL}{page.url}"
    assert f'href="{page.url}thong-bao-in/"' in client.get(page.url).content.decode()


def test_the_notice_breaks_the_typed_address_only_after_a_slash(portal, client):
    page = article(
        portal.news,
        portal.linh,
        title="Hướng dẫn cài đặt ứng dụng định danh điện tử VNeID cho người cao tuổi ở thôn Nà Pàn",
        publish_as=portal.admin,
    )
    html = client.get(f"{page.url}thong-bao-in/").content.decode()
    typed = html[html.index('<strong class="typed') : html.index("</strong>")]
    pieces = re.findall(r'<span class="piece">([^<]*)</span>', typed)
    # Each piece is unbreakable (white-space: nowrap); the only break opportunities are the <wbr> between.
    assert "".join(pieces) == f"{settings.BASE_URL}{page.url}"
    assert all(p.endswith("/") for p in pieces[:-1])
    assert typed.count("<wbr>") == len(pieces) - 1
    css = (settings.BASE_DIR / "xaso/static/xaso/css/notice.css").read_text()
    assert "break-all" not in css
    assert ".typed .piece { white-space: nowrap; }" in css


def test_a_draft_has_no_qr_code_nor_notice(portal, client):
    page = article(portal.news, portal.linh, title="Bản nháp")
    for suffix in ("ma-qr/", "thong-bao-in/"):
        assert client.get(f"{page.get_parent().url}{page.slug}/{suffix}").status_code == 404
