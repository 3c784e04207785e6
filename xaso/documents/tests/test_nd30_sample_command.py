"""manage.py nd30_sample: the sample report of the seed plan, written to a folder."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from xaso.documents.management.commands import nd30_sample
from xaso.documents.tests.reading import body_paragraphs, read, texts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_it_writes_the_docx_and_the_annex(demo, tmp_path):
    out = io.StringIO()
    call_command(
        "nd30_sample",
        out=str(tmp_path),
        period="6 tháng đầu năm 2026",
        no_pdf=True,
        stdout=out,
    )
    docx_path = tmp_path / "bao-cao-6-thang-dau-nam-2026.docx"
    assert docx_path.exists()
    assert (tmp_path / "bao-cao-6-thang-dau-nam-2026.xlsx").exists()
    assert "Đã ghi" in out.getvalue()
    doc = read(docx_path.read_bytes())
    assert doc.tables[0].rows[1].cells[0].paragraphs[0].text.replace("\u00a0", " ") == "Số:       /BC-UBND"
    assert "BÁO CÁO" in texts(body_paragraphs(doc))


def test_it_can_run_with_a_persons_scope(demo, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("nd30_sample", out=str(tmp_path), plan="33/KH-UBND", username="tt.vhxh", no_pdf=True)
    assert str(error.value) == nd30_sample.ERR_NO_PLAN


def test_an_unknown_user_is_refused(demo, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("nd30_sample", out=str(tmp_path), username="khong-co", no_pdf=True)
    assert str(error.value) == nd30_sample.ERR_NO_USER.format(username="khong-co")
