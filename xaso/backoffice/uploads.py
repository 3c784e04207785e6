"""Uploaded files checked by what they are, not by their name, before anything parses them.

Shared by the back-office uploads that parse office files (a plan's document in xaso/intake, the
units-and-people spreadsheet in xaso/onboarding):
- `sniff(data)` says what a file is from its bytes (PDF, PNG, JPEG, TIFF, WEBP, DOCX, XLSX);
- `zip_refusal` reads only a ZIP's directory (and the first bytes of its XML parts): a 300 KB
  "XLSX" that unpacks to 300 MB shows itself there, before openpyxl or python-docx decompresses
  anything; so do encrypted parts, paths leaving the archive and XML that declares a DTD;
- `xlsx_refusal` adds the size each worksheet declares (`<dimension ref="A1:H5001"/>`);
- `inert` writes a cell so that text a person typed never becomes a formula.
Messages are Vietnamese, for the person who uploaded the file.

Another helper is writing the same kind of guard for the activities import (xaso/inputs); when it
lands, these callers can move to it and this module can go.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

MB = 1024 * 1024

ERR_NOT_ZIP = "Tệp “{name}” không phải là tệp {kind} hợp lệ (không mở được như một tệp Office)."
ERR_TOO_MANY_PARTS = "Tệp “{name}” có {count} thành phần bên trong, nhiều bất thường (tối đa {limit})."
ERR_UNPACKED = "Tệp “{name}” khi giải nén nặng hơn {limit} MB; tệp này không được nhận, hãy chia nhỏ tệp."
ERR_RATIO = "Tệp “{name}” bị nén bất thường (một phần bung ra gấp {ratio} lần); tệp này không được nhận."
ERR_ENCRYPTED = "Tệp “{name}” có đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."
ERR_PATH = "Tệp “{name}” chứa đường dẫn không hợp lệ bên trong; tệp này không được nhận."
ERR_DTD = "Tệp “{name}” chứa khai báo XML không được phép (DOCTYPE); tệp này không được nhận."
ERR_MISSING_PARTS = (
    "Tệp “{name}” thiếu phần nội dung chính của tệp {kind}; hãy lưu lại tệp từ Word, Excel hoặc LibreOffice."
)
ERR_SHEET_TOO_BIG = (
    "Trang tính “{sheet}” có {rows} dòng, {cols} cột, vượt quá khả năng nhập (tối đa {max_rows} dòng, {max_cols} cột)."
)

MAX_PARTS = 400
MAX_UNPACKED = 60 * MB
# Office XML compresses 5-20 times; past this ratio (for parts over RATIO_FLOOR) it is a bomb.
MAX_RATIO = 100
RATIO_FLOOR = MB

MAIN_PARTS = {
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "docx": ("[Content_Types].xml", "word/document.xml"),
}
KIND_LABELS = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)"}

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')


def sniff(data: bytes) -> str:
    """What the bytes are: "pdf", "png", "jpeg", "tiff", "webp", "docx", "xlsx", "zip" or ""."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        for kind, parts in MAIN_PARTS.items():
            if all(part in names for part in parts):
                return kind
        return "zip"
    return ""


def zip_refusal(data: bytes, *, name: str, kind: str) -> str | None:
    """Why this Office file is refused, or None; reads only its directory and XML prologues."""
    label = KIND_LABELS.get(kind, kind)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                return ERR_TOO_MANY_PARTS.format(name=name, count=len(infos), limit=MAX_PARTS)
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    return ERR_ENCRYPTED.format(name=name)
                path = info.filename.replace("\\", "/")
                if path.startswith("/") or ".." in path.split("/"):
                    return ERR_PATH.format(name=name)
                total += info.file_size
                if total > MAX_UNPACKED:
                    return ERR_UNPACKED.format(name=name, limit=MAX_UNPACKED // MB)
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
                    return ERR_RATIO.format(name=name, ratio=info.file_size // max(1, info.compress_size))
            names = {info.filename for info in infos}
            if any(part not in names for part in MAIN_PARTS.get(kind, ())):
                return ERR_MISSING_PARTS.format(name=name, kind=label)
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as part:
                        if b"<!DOCTYPE" in part.read(2048).upper():
                            return ERR_DTD.format(name=name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return ERR_NOT_ZIP.format(name=name, kind=label)
    return None


def xlsx_refusal(data: bytes, *, name: str, max_rows: int, max_cols: int = 50) -> str | None:
    """`zip_refusal`, then the size every worksheet declares: past `max_rows` nothing is parsed."""
    refusal = zip_refusal(data, name=name, kind="xlsx")
    if refusal:
        return refusal
    from openpyxl.utils.cell import column_index_from_string

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        titles = _sheet_titles(archive)
        for info in archive.infolist():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                continue
            with archive.open(info) as part:
                match = _DIMENSION.search(part.read(4096))
            if not match:
                continue
            last_col, last_row = (match.group(3), match.group(4)) if match.group(3) else match.group(1, 2)
            rows, cols = int(last_row), column_index_from_string(last_col.decode())
            if rows > max_rows or cols > max_cols:
                sheet = titles.get(info.filename, info.filename.rsplit("/", 1)[-1])
                return ERR_SHEET_TOO_BIG.format(sheet=sheet, rows=rows, cols=cols, max_rows=max_rows, max_cols=max_cols)
    return None


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """worksheet part -> the sheet's name, read from the workbook (best effort, for messages)."""
    try:
        workbook = archive.read("xl/workbook.xml")[: 64 * 1024].decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels")[: 64 * 1024].decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets |= {rid: target for target, rid in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
    titles = {}
    for title, rid in re.findall(r'<sheet[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        target = targets.get(rid, "").lstrip("/")
        titles[target if target.startswith("xl/") else f"xl/{target}"] = title
    return titles


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def inert(cell: Any, value: Any) -> Any:
    """Put `value` in an openpyxl cell; text stays text (openpyxl makes any "=…" a formula)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if formula_like(value):
            cell.quotePrefix = True
    return cell
