"""The project's Vietnamese catalogues compile, keep their placeholders and win over Wagtail's."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_it_compiles_with_every_placeholder_kept(name):
    # --check verifies that each translation has the same %(name)s / {name} placeholders as its msgid.
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["msgfmt", "--check", "--output-file=/dev/null", str(LOCALE / name)],  # noqa: S607 - gettext is on PATH
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_it_overrides_wagtails_own_vietnamese_words():
    with translation.override("vi"):
        # Wagtail's catalogue says "Biên tập", "Trang tổng quan" and "Kiểm tra".
        assert gettext("Edit") == "Sửa"
        assert gettext("Dashboard") == "Bảng điều khiển"
        assert gettext("Inspect") == "Xem chi tiết"
        assert gettext("Snippets") == "Danh mục"


def test_it_writes_no_passive_bởi_calque():
    # "Đã khóa bởi Lan" copies the English passive; Vietnamese names the doer ("Lan đã khóa …").
    strings = re.findall(r'^msgstr "(.*)"$', (LOCALE / "django.po").read_text(encoding="utf-8"), flags=re.M)
    assert [text for text in strings if re.search(r"\bbởi\b", text)] == []
    with translation.override("vi"):
        assert gettext("by %(user)s") % {"user": "Lan"} == "người thực hiện: Lan"


def test_it_has_the_single_plural_form_of_vietnamese():
    with translation.override("vi"):
        assert ngettext("1 page", "%(counter)s pages", 1) % {"counter": 1} == "1 trang"
        message = ngettext("Delete 1 page", "Delete %(counter)s pages", 3) % {"counter": 3}
        assert message == "Xóa 3 trang"


def test_it_serves_the_javascript_strings_in_vietnamese(db, client):
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S)
    assert found is not None
    catalog = json.loads(found.group(1))
    assert catalog["Toggle sidebar"] == "Ẩn/hiện thanh bên"
    assert catalog["Dashboard"] == "Bảng điều khiển"
