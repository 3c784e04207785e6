"""ZIP-based files (XLSX, DOCX, ODS, ODT, PPTX, ODP) checked from their directory before anything
is decompressed.

A 311 KB "XLSX" held a worker at 100 % CPU for seven minutes: a ZIP's directory tells each part's
compressed and uncompressed size, so a bomb shows itself before it is opened. `zip_refusal` refuses
too many parts, parts or a whole too large once unpacked, a compression ratio no office file has,
encrypted parts, paths leaving the archive, and XML parts that declare a DTD (entity expansion);
`xlsx_refusal` adds the size each worksheet declares (`<dimension ref="A1:N2001"/>`). Python's
zipfile never unpacks past the size the directory declares, so a lying directory fails the CRC
check instead of running on. Messages are Vietnamese, for the person who uploaded the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

MB = 1024 * 1024

ERR_NOT_ZIP = "Tệp “{name}” không phải là tệp {kind} hợp lệ (không mở được như một tệp nén Office)."
ERR_TOO_MANY_PARTS = "Tệp “{name}” có {count} thành phần bên trong, nhiều bất thường (tối đa {limit})."
ERR_UNPACKED_TOO_BIG = "Tệp “{name}” khi giải nén nặng {size} MB, vượt giới hạn {limit} MB; hãy chia nhỏ tệp."
ERR_RATIO = "Tệp “{name}” bị nén bất thường (một phần bung ra gấp {ratio} lần); tệp này không được nhận."
ERR_ENCRYPTED = "Tệp “{name}” có đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."
ERR_PATH = "Tệp “{name}” chứa đường dẫn không hợp lệ bên trong; tệp này không được nhận."
ERR_DTD = "Tệp “{name}” chứa khai báo XML không được phép (DOCTYPE); tệp này không được nhận."
ERR_SHEET_TOO_BIG = "Trang tính “{sheet}” của tệp có {rows} dòng, {cols} cột, vượt quá khả năng nhập (tối đa {max_rows} dòng, {max_cols} cột)."
ERR_PARTS_MISSING = (
    "Tệp “{name}” thiếu phần nội dung chính của một tệp {kind}; hãy lưu lại tệp từ Word, Excel hoặc LibreOffice."
)


@dataclass(frozen=True)
class ZipLimits:
    max_parts: int = 300
    max_total: int = 40 * MB
    max_part: int = 25 * MB
    # Office XML compresses 5-20×; past this ratio (for parts over `ratio_floor`) it is a bomb.
    max_ratio: int = 100
    ratio_floor: int = 1 * MB


DEFAULT_LIMITS = ZipLimits()

# What a genuine file of each kind holds.
MAIN_PARTS = {
    "xlsx": ("[Content_Types].xml", "xl/workbook.xml"),
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "pptx": ("[Content_Types].xml", "ppt/presentation.xml"),
    "odt": ("mimetype", "content.xml"),
    "ods": ("mimetype", "content.xml"),
    "odp": ("mimetype", "content.xml"),
}

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?"')


def _open(data: bytes | IO[bytes]) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data)


def zip_refusal(data: bytes | IO[bytes], *, name: str, kind: str, limits: ZipLimits = DEFAULT_LIMITS) -> str | None:
    """Why this ZIP-based file is refused, or None; reads only its directory and XML prologues."""
    try:
        with _open(data) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_parts:
                return ERR_TOO_MANY_PARTS.format(name=name, count=len(infos), limit=limits.max_parts)
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    return ERR_ENCRYPTED.format(name=name)
                path = info.filename.replace("\\", "/")
                if path.startswith("/") or ".." in path.split("/"):
                    return ERR_PATH.format(name=name)
                total += info.file_size
                too_big = info.file_size > limits.max_part or total > limits.max_total
                if too_big:
                    return ERR_UNPACKED_TOO_BIG.format(
                        name=name, size=max(total, info.file_size) // MB, limit=limits.max_total // MB
                    )
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                    return ERR_RATIO.format(name=name, ratio=int(ratio))
            names = {info.filename for info in infos}
            if any(part not in names for part in MAIN_PARTS.get(kind, ())):
                return ERR_PARTS_MISSING.format(name=name, kind=kind.upper())
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, info):
                    return ERR_DTD.format(name=name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        return ERR_NOT_ZIP.format(name=name, kind=kind.upper())
    return None


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    # A DTD sits in the prologue, before the root element: the first kilobytes say it all.
    with archive.open(info) as part:
        head = part.read(2048)
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()


def sheet_sizes(data: bytes | IO[bytes]) -> dict[str, tuple[int, int]]:
    """(rows, columns) each worksheet declares, by part name; a sheet without a dimension is absent."""
    sizes: dict[str, tuple[int, int]] = {}
    with _open(data) as archive:
        for info in archive.infolist():
            if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                continue
            with archive.open(info) as part:
                head = part.read(4096)
            match = _DIMENSION.search(head)
            if not match:
                continue
            last = (match.group(2) or match.group(1)).decode()
            letters, row = coordinate_from_string(last)
            sizes[info.filename] = (row, column_index_from_string(letters))
    return sizes


def xlsx_refusal(
    data: bytes, *, name: str, max_rows: int, max_cols: int, limits: ZipLimits = DEFAULT_LIMITS
) -> str | None:
    """`zip_refusal` for an XLSX, then the size each worksheet declares."""
    refusal = zip_refusal(data, name=name, kind="xlsx", limits=limits)
    if refusal:
        return refusal
    try:
        sizes = sheet_sizes(data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return ERR_NOT_ZIP.format(name=name, kind="XLSX")
    for part, (rows, cols) in sizes.items():
        if rows > max_rows or cols > max_cols:
            sheet = part.rsplit("/", 1)[-1].removesuffix(".xml")
            return ERR_SHEET_TOO_BIG.format(sheet=sheet, rows=rows, cols=cols, max_rows=max_rows, max_cols=max_cols)
    return None
