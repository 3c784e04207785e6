"""Text out of an uploaded document: DOCX (python-docx, tables as "a | b | c" rows), PDF with
a text layer (poppler's pdftotext), scanned PDF and images (Tesseract with Debian's Vietnamese
model, `tesseract-ocr-vie`, through pytesseract), plain text."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

ERR_KIND = "Chưa đọc được loại tệp này. Hãy tải lên tệp DOCX, PDF, ảnh (PNG, JPG) hoặc dán văn bản."
ERR_UNREADABLE = "Không đọc được nội dung tệp: tệp có thể bị hỏng hoặc có mật khẩu."
ERR_EMPTY = "Không tìm thấy chữ nào trong tệp."
ERR_TOO_BIG = "Tệp quá lớn (tối đa 20 MB)."
MAX_BYTES = 20 * 1024 * 1024
OCR_DPI = 300
OCR_LANG = "vie"


class ExtractError(Exception):
    pass


def kind_of(name: str, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK") and name.lower().endswith(".docx"):
        return "docx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    if name.lower().endswith((".txt", ".md")):
        return "text"
    raise ExtractError(ERR_KIND)


def extract(name: str, data: bytes, *, progress: object = None) -> tuple[str, str]:
    """(text, how) where how is "docx", "pdf", "ocr" or "text"."""
    if len(data) > MAX_BYTES:
        raise ExtractError(ERR_TOO_BIG)
    kind = kind_of(name, data[:8])
    if kind == "text":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
        how = "text"
    elif kind == "docx":
        text, how = docx_text(data), "docx"
    elif kind == "pdf":
        text, how = pdf_text(data), "pdf"
        if len(text.split()) < 30:  # a scan: no text layer
            text, how = pdf_ocr(data), "ocr"
    else:
        text, how = image_ocr(data), "ocr"
    if not text.strip():
        raise ExtractError(ERR_EMPTY)
    return text, how


def docx_text(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a broken package
        raise ExtractError(ERR_UNREADABLE) from exc
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            table = Table(block, document)
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if not cells or cells[-1] != text:  # merged cells repeat
                        cells.append(text)
                lines.append(" | ".join(cells))
            lines.append("")
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """Text of a PDF with a text layer; tables (pdfplumber) come as "a | b | c" rows in place."""
    import pdfplumber

    try:
        lines: list[str] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                top = 0.0
                for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                    _, y0, _, y1 = table.bbox
                    if y0 > top:
                        lines.append(page.crop((0, top, page.width, y0)).extract_text() or "")
                    for row in table.extract():
                        lines.append(" | ".join(" ".join((cell or "").split()) for cell in row))
                    top = y1
                lines.append(page.crop((0, top, page.width, page.height)).extract_text() or "")
        return "\n".join(lines)
    except Exception:
        return _pdftotext(data)


def _pdftotext(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        result = subprocess.run(  # noqa: S603
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607 - poppler from the PATH, as LibreOffice
            capture_output=True,
            timeout=120,
            check=False,
        )
    if result.returncode != 0:
        raise ExtractError(ERR_UNREADABLE)
    return result.stdout.decode("utf-8", errors="replace").replace("\f", "\n")


def pdf_ocr(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        result = subprocess.run(  # noqa: S603
            ["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", str(path), str(Path(tmp) / "page")],  # noqa: S607
            capture_output=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise ExtractError(ERR_UNREADABLE)
        pages = sorted(Path(tmp).glob("page*.png"))
        return "\n".join(image_ocr(page.read_bytes()) for page in pages)


def image_ocr(data: bytes) -> str:
    import pytesseract
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ExtractError(ERR_UNREADABLE) from exc
    text: str = pytesseract.image_to_string(image.convert("L"), lang=OCR_LANG, config="--psm 4")
    return text
