"""Importing a hostile XLSX: a bomb is refused from the archive's directory in well under a second,
in Vietnamese, and nothing is imported (the crawl's 311 KB file held a worker for seven minutes)."""

import datetime as dt
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from xaso.activities.models import Activity, ActivityMonth
from xaso.activities.spreadsheet import ERR_NOT_XLSX, ERR_TOO_SLOW, SpreadsheetError, read_rows
from xaso.inputs import archives
from xaso.testing.badinputs import assert_vietnamese, fingerprint

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

IMPORT = "activities_import"
TEMPLATE = "activities_template"


def template_bytes(client) -> bytes:
    return client.get(reverse(TEMPLATE)).content


def rezip(source: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """The same XLSX with some parts replaced or added, deflated as Excel does."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        names = {info.filename for info in old.infolist()}
        for info in old.infolist():
            new.writestr(info.filename, (replace or {}).get(info.filename, old.read(info.filename)))
        for name, data in {**(replace or {}), **(add or {})}.items():
            if name not in names or name in (add or {}):
                new.writestr(name, data)
    return out.getvalue()


def deflate_bomb(client) -> bytes:
    """A real template whose first sheet unpacks to 300 MB of XML (about 300 KB packed), streamed
    into the archive a megabyte at a time."""
    source = template_bytes(client)
    out = io.BytesIO()
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with new.open(info.filename, "w", force_zip64=True) as part:
                part.write(head + b"<!--")
                for _ in range(300):
                    part.write(chunk)
                part.write(b"--><sheetData>" + tail)
    return out.getvalue()


def post(client, data: bytes, name="hoat-dong.xlsx"):
    before = fingerprint(Activity, ActivityMonth)
    started = time.monotonic()
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, data)})
    elapsed = time.monotonic() - started
    assert response.status_code == 400
    assert "Tệp bị từ chối, chưa hoạt động nào được nhập." in response.text
    assert_vietnamese(response.context["problems"])
    assert fingerprint(Activity, ActivityMonth) == before
    return response.context["problems"], elapsed


def test_a_deflate_bomb_is_refused_from_the_directory(demo, client_for):
    client = client_for(demo.lan)
    bomb = deflate_bomb(client)
    assert len(bomb) < 2 * 1024 * 1024
    [problem], _ = post(client, bomb)
    assert "khi giải nén nặng 300 MB, vượt giới hạn 40 MB" in problem


def test_a_part_compressed_beyond_any_office_file_is_refused():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/sharedStrings.xml", b" " * (20 * 1024 * 1024))
    refusal = archives.zip_refusal(data.getvalue(), name="x.xlsx", kind="xlsx") or ""
    assert refusal.startswith("Tệp “x.xlsx” bị nén bất thường")


def test_a_sheet_declaring_a_million_rows_is_refused_before_reading(demo, client_for):
    client = client_for(demo.lan)
    source = template_bytes(client)
    with zipfile.ZipFile(io.BytesIO(source)) as old:
        sheet = old.read("xl/worksheets/sheet1.xml")
    huge = sheet.replace(b'<dimension ref="A1:N1"/>', b'<dimension ref="A1:XFD1048576"/>', 1)
    assert huge != sheet
    [problem], _ = post(client, rezip(source, replace={"xl/worksheets/sheet1.xml": huge}))
    assert problem == (
        "Trang tính “sheet1” của tệp có 1048576 dòng, 16384 cột, vượt quá khả năng nhập (tối đa 40000 dòng, 1000 cột)."
    )


def test_thousands_of_parts_are_refused(demo, client_for):
    client = client_for(demo.lan)
    extra = {f"xl/media/anh{i}.xml": b"<x/>" for i in range(400)}
    [problem], _ = post(client, rezip(template_bytes(client), add=extra))
    assert "thành phần bên trong, nhiều bất thường (tối đa 300)" in problem


def test_an_xml_entity_declaration_is_refused(demo, client_for):
    client = client_for(demo.lan)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<sst>&b;</sst>"
    )
    [problem], _ = post(client, rezip(template_bytes(client), replace={"xl/worksheets/sheet2.xml": laughs}))
    assert "DOCTYPE" in problem


def test_a_directory_that_lies_about_sizes_fails_its_checksum_not_the_worker(demo, client_for):
    client = client_for(demo.lan)
    lie = bytearray(template_bytes(client))
    # The central directory's record of the sheet says it unpacks to 10 bytes: zipfile stops
    # there and the checksum fails, so the lie cannot make it unpack more than declared.
    record = bytes(lie).find(b"PK\x01\x02", 0)
    name_at = bytes(lie).find(b"xl/worksheets/sheet1.xml", record)
    record = bytes(lie).rfind(b"PK\x01\x02", 0, name_at)
    lie[record + 24 : record + 28] = (10).to_bytes(4, "little")
    [problem], _ = post(client, bytes(lie))
    assert problem == "Tệp “hoat-dong.xlsx” không phải là tệp XLSX hợp lệ (không mở được như một tệp nén Office)."


def test_a_file_that_is_not_an_archive_keeps_its_message(demo, client_for):
    client = client_for(demo.lan)
    problems, _ = post(client, b"%PDF-1.4 not a spreadsheet")
    assert problems == [ERR_NOT_XLSX]


def test_reading_stops_at_its_time_budget():
    book = Workbook()
    for row in range(300):
        book.active.append([f"ô {row}-{col}" for col in range(14)])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(SpreadsheetError) as excinfo:
        read_rows(buffer.getvalue(), seconds=0.0)
    assert excinfo.value.problems == [ERR_TOO_SLOW.format(seconds=0)]


def test_an_honest_template_still_reads(demo, client_for):
    source = template_bytes(client_for(demo.lan))
    book = load_workbook(io.BytesIO(source))
    book.active.append(["ls-hvt-thcs", "Hội nghị, hội thảo", "Ngày hội", dt.date(2026, 4, 8)])
    buffer = io.BytesIO()
    book.save(buffer)
    assert [row.row for row in read_rows(buffer.getvalue())] == [2]
