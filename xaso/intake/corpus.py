"""The test corpus of plan documents (xaso/intake/corpus/*.yaml) and how a draft is scored
against each document's expected structure. Read by the corpus tests and bench/intake_corpus.py.

A corpus file has either its own `text` (openings of real plans, bodies in their shapes) or a
`seed_variant`: the shipped seed plan re-typed in another shape. `render` says in what form
the parser receives it: the text itself, a real DOCX (python-docx), a real PDF (LibreOffice),
or a scan (page images with noise and skew, read back by Tesseract).
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from xaso.intake.draft import Draft
from xaso.intake.extract import docx_text, image_ocr, pdf_text
from xaso.intake.structure import parse
from xaso.intake.text import prepare
from xaso.vi.text import fold

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = Path(__file__).resolve().parents[1] / "plans" / "seed" / "ke-hoach-33-KH-UBND.yaml"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


@dataclass
class Score:
    name: str
    render: str
    seed_derived: bool
    targets_expected: int = 0
    targets_found: int = 0
    tasks_expected: int = 0
    tasks_found: int = 0
    retro_taken: list[str] = field(default_factory=list)
    identity_ok: bool = True
    bases_missing: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def load() -> list[dict[str, Any]]:
    documents = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["name"] = path.stem
        if "seed_variant" in data:
            data["text"], data["expect"] = seed_variant(data["seed_variant"])
        documents.append(data)
    return documents


# -- the seed in other shapes ----------------------------------------------------------------


def _seed() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))["plan"]
    return data


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def seed_variant(style: str) -> tuple[str, dict[str, Any]]:
    plan = _seed()
    part = style == "phan"
    lines = [
        *plan["issuer_header"],
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {plan['code']}",
        f"{plan['place']}, ngày 23 tháng 8 năm 2025",
        "KẾ HOẠCH",
        plan["title"],
        "",
    ]
    if style == "runon":
        lines.append(
            "Căn cứ "
            + "; ".join(
                f"{'Quyết định' if 'QĐ' in b['code'] else 'Kế hoạch' if 'KH' in b['code'] else 'Nghị quyết'} số {b['code']} ngày {b['issued_on'][8:]}/{b['issued_on'][5:7]}/{b['issued_on'][:4]} của {b['issuer']} {b['summary']}"
                for b in plan["legal_bases"]
            )
            + "."
        )
    else:
        lines += plan["preamble"]
    heads = ["MỤC ĐÍCH, YÊU CẦU", "MỤC TIÊU", "NHIỆM VỤ VÀ GIẢI PHÁP", "KINH PHÍ", "TỔ CHỨC THỰC HIỆN"]
    roman = ["I", "II", "III", "IV", "V"]
    mark = (lambda i: f"Phần {roman[i]}. ") if part else (lambda i: f"{roman[i]}. ")
    lines.append(mark(0) + heads[0])
    lines += [f"{n}. {p}" for n, p in enumerate(plan["purposes"], start=1)]
    lines.append(mark(1) + heads[1])
    lines += ["1.1. Mục tiêu chung" if part else "1. Mục tiêu chung", plan["general_objective"]]
    lines.append("1.2. Mục tiêu cụ thể" if part else "2. Mục tiêu cụ thể")
    periods: dict[str, list[str]] = {}
    for target in plan["targets"]:
        periods.setdefault(target["period"], []).append(target["text"])
    for letter, (period, texts) in zip("abcd", periods.items(), strict=False):
        label = f"Năm {period}" if "-" not in period else f"Từ năm {period[:4]} đến năm {period[5:]}"
        lines.append(f"{letter}) {label}")
        lines += [f"- {t}" for t in texts]
    lines.append(mark(2) + heads[2])
    for group in plan["task_groups"]:
        lines.append(
            f"{'3.' if part else ''}{group['number']}. {group['title']}"
            if part
            else f"{group['number']}. {group['title']}"
        )
        lines += [f"{'abcdefg'[k]}) {t['text']}" if part else f"- {t['text']}" for k, t in enumerate(group["tasks"])]
    lines.append(mark(3) + heads[3])
    lines.append(plan["funding"]["text"])
    lines.append(mark(4) + heads[4])
    for resp in plan["responsibilities"]:
        lines.append(f"{resp['number']}. {resp['heading']}")
        lines += [f"- {item}" for item in resp["items"]]
    lines.append(plan["closing"])
    lines += ["Nơi nhận:", *[f"- {r['text']};" for r in plan["recipients"]], "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    text = "\n".join(lines)
    if style == "accentless":
        text = strip_marks(text)
    if style == "runon":
        text = text.replace("Đ", "Ð")
    expect = {
        "code": plan["code"],
        "issued_on": plan["issued_on"],
        "legal_bases": [b["code"] for b in plan["legal_bases"]],
        "targets": [
            {
                "period": t["period"],
                "value": t["milestones"][0].get("value"),
                "start": " ".join(t["text"].split()[:4]),
            }
            for t in plan["targets"]
        ],
        "tasks": [
            {"group": g["number"], "start": " ".join(t["text"].split()[:4])}
            for g in plan["task_groups"]
            for t in g["tasks"]
        ],
        "retro": [],
    }
    return text, expect


# -- rendering -------------------------------------------------------------------------------

CACHE = Path(tempfile.gettempdir()) / "xaso-intake-corpus"


def _cached(key: str, make: Any) -> bytes:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / hashlib.sha256(key.encode()).hexdigest()
    if not path.exists():
        path.write_bytes(make())
    return path.read_bytes()


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    table = None
    for line in text.split("\n"):
        if line.count("|") >= 2:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if table is None or len(table.columns) != len(cells):
                table = document.add_table(rows=0, cols=len(cells))
                table.style = "Table Grid"  # ruled, as plans print their appendices
            row = table.add_row()
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
        else:
            table = None
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(text: str) -> bytes:
    def make() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "plan.docx"
            source.write_bytes(to_docx(text))
            subprocess.run(  # noqa: S603
                [  # noqa: S607
                    "soffice",
                    "--headless",
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(source),
                ],
                capture_output=True,
                timeout=180,
                check=True,
            )
            return (Path(tmp) / "plan.pdf").read_bytes()

    return _cached("pdf-ruled:" + text, make)


def to_scan_pages(text: str, *, dpi: int = 200, seed: int = 7) -> list[bytes]:
    """Text set on A4 pages at `dpi`, with speckle noise, slight blur and skew, as PNG."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)  # noqa: S311 - noise for a test image, not a secret
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    font = ImageFont.truetype(FONT, size=int(12 / 72 * dpi))
    margin = int(0.8 * dpi)
    line_height = int(font.size * 1.45)
    wrapped: list[str] = []
    for line in text.split("\n"):
        words, current = line.split(), ""
        for word in words:
            trial = f"{current} {word}".strip()
            if font.getlength(trial) > width - 2 * margin and current:
                wrapped.append(current)
                current = word
            else:
                current = trial
        wrapped.append(current)
    per_page = (height - 2 * margin) // line_height
    pages = []
    for start in range(0, len(wrapped), per_page):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for n, line in enumerate(wrapped[start : start + per_page]):
            draw.text((margin, margin + n * line_height), line, font=font, fill=rng.randint(0, 60))
        for _ in range(width * height // 4000):
            x, y = rng.randrange(width), rng.randrange(height)
            draw.point((x, y), fill=rng.randint(0, 120))
        image = image.filter(ImageFilter.GaussianBlur(0.6)).rotate(rng.uniform(-0.8, 0.8), fillcolor=255, expand=False)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pages.append(buffer.getvalue())
    return pages


def scan_text(text: str, *, dpi: int = 200) -> str:
    def make() -> bytes:
        return "\n".join(image_ocr(page) for page in to_scan_pages(text, dpi=dpi)).encode()

    return _cached(f"scan{dpi}:" + text, make).decode()


def received_text(document: dict[str, Any]) -> str:
    """The text as the parser gets it after the upload was read back."""
    render = document.get("render", "text")
    text: str = document["text"]
    if render == "docx":
        return docx_text(to_docx(text))
    if render == "pdf":
        return pdf_text(to_pdf(text))
    if render == "scan":
        return scan_text(text)
    return text


# -- scoring --------------------------------------------------------------------------------


def _starts(text: str, start: str) -> bool:
    return fold(text).startswith(fold(start)[: max(12, len(fold(start)) - 2)])


def score(document: dict[str, Any], draft: Draft) -> Score:
    expect = document["expect"]
    result = Score(document["name"], document.get("render", "text"), bool(document.get("seed_derived")))
    ident = draft.identity
    result.identity_ok = ident.code == expect["code"] and ident.issued_on == str(expect["issued_on"])
    found_codes = {b.code for b in draft.legal_bases}
    result.bases_missing = [c for c in expect.get("legal_bases", []) if c not in found_codes]
    for target in expect["targets"]:
        result.targets_expected += 1
        match = next(
            (
                t
                for t in draft.targets
                if _starts(t.text, target["start"])
                and t.period == str(target["period"])
                and (target["value"] is None or (t.milestones and t.milestones[0].value == float(target["value"])))
            ),
            None,
        )
        if match:
            result.targets_found += 1
        else:
            result.missed.append(f"mục tiêu {target['period']}: {target['start']}")
    for task in expect["tasks"]:
        result.tasks_expected += 1
        groups = draft.task_groups
        index = task["group"] - 1
        if index < len(groups) and any(_starts(t.text, task["start"]) for t in groups[index].tasks):
            result.tasks_found += 1
        else:
            result.missed.append(f"nhiệm vụ nhóm {task['group']}: {task['start']}")
    for figure in expect.get("retro", []):
        if any(figure in t.text or re.sub(r",", ".", figure) in t.text for t in draft.targets):
            result.retro_taken.append(figure)
    return result


def run(document: dict[str, Any]) -> tuple[Draft, Score]:
    draft = parse(prepare(received_text(document)))
    return draft, score(document, draft)
