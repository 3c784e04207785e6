"""Finding a plan's structure in its text: identity, legal bases, purposes, objectives and
targets by year, task groups and tasks with their units, funding, responsibilities, reporting
deadlines, recipients. Works on the restored lines; matching is done on folded text so that
what restoring got wrong in a word does not hide a heading."""

from __future__ import annotations

import datetime as dt
import re

from xaso.intake import draft as d
from xaso.intake.outline import Node, build
from xaso.intake.text import SourceText
from xaso.vi.text import fold

# -- section kinds by heading -----------------------------------------------------------------

_RETRO = re.compile(
    r"danh gia (ket qua|tinh hinh|thuc trang)|ket qua (thuc hien|dat duoc)|tinh hinh thuc hien|thuc trang|ton tai|han che|nguyen nhan|bai hoc kinh nghiem"
)
_KINDS = [
    ("retro", _RETRO),
    ("bases", re.compile(r"^can cu")),
    ("appendix", re.compile(r"^phu luc")),
    ("objectives", re.compile(r"muc tieu|chi tieu")),
    ("purposes", re.compile(r"muc dich|yeu cau")),
    ("tasks", re.compile(r"nhiem vu|giai phap|noi dung trien khai|noi dung thuc hien")),
    ("funding", re.compile(r"kinh phi|nguon von")),
    ("organisation", re.compile(r"to chuc thuc hien|trach nhiem|phan cong")),
    ("reporting", re.compile(r"che do bao cao|bao cao")),
]
_HEADING_STYLES = {"part", "roman", "caps", "appendix"}


def section_kind(node: Node) -> str | None:
    folded = node.folded
    if len(folded) > 140:
        return None
    for kind, pattern in _KINDS:
        if pattern.search(folded):
            return kind
    return None


# -- references, dates, values -----------------------------------------------------------------

_DOC_KINDS = (
    r"Luật|Nghị quyết|Nghị định|Quyết định|Kế hoạch|Chỉ thị|Thông tư|Công văn|Chương trình hành động|"
    r"Chương trình|Quy định|Thông báo|Hướng dẫn|Kết luận|Đề án"
)
_REF = re.compile(
    rf"(?P<kind>{_DOC_KINDS})\s+(?:số\s*)?(?P<code>\d{{1,5}}(?:/\d{{4}})?\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
    r"(?:\s*,)?\s*(?:ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
)
_LAW = re.compile(
    r"(?P<kind>Luật)\s+(?P<name>[A-ZĐ][^;,.]*?)\s+ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
_ISSUER_END = re.compile(
    r"\s+(về|phê duyệt|ban hành|hướng dẫn|triển khai|thực hiện|quy định|sửa đổi|thúc đẩy|đẩy mạnh)\b|[;,(“\"]|$"
)
_ALIAS = re.compile(r"\(\s*sau đây (?:gọi|viết) (?:tắt )?là\s+([^)]*)\)", re.IGNORECASE)
_DATE_TEXT = re.compile(r"(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_DATE_SLASH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_YEAR = re.compile(r"\b(20[2-5]\d)\b")
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%")
_RANGE = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%?\s*(?:-|–|đến)\s*(\d{1,3}(?:[.,]\d+)?)\s*%")
_AT_LEAST = re.compile(r"(it nhat|toi thieu|tren|hon|tu|dat|phan dau|tang)\s*(?:len\s*)?$")
_AT_MOST = re.compile(r"(khong qua|duoi|toi da|giam xuong|con duoi)\s*$")
_COUNT = re.compile(
    r"(?:it nhat|toi thieu|tren|hon)?\s*(\d{1,6})\s+(hoat dong|chuong trinh|lop|khoa|buoi|tin bai|san pham|mo hinh|doanh nghiep|nguoi|cuoc|hoi nghi|video)"
)


def parse_date(text: str) -> str:
    folded = fold(text)
    for pattern in (_DATE_TEXT, _DATE_SLASH):
        match = pattern.search(folded)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return ""
    return ""


def normalise_code(code: str) -> str:
    code = re.sub(r"\s+", "", code)
    return re.sub(r"-+", "-", code)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def read_values(text: str) -> tuple[str, float | None, str, list[str], list[str]]:
    """(comparison, value, unit, tiers, flags) of a target sentence."""
    folded = fold(text)
    flags: list[str] = []
    tiers = [t.strip() for t in re.split(r";", text) if _PERCENT.search(t) and re.search(r"cấp|cap", t)]
    if len(tiers) > 1:
        flags.append("tiers")
        commune = next((t for t in tiers if re.search(r"cấp xã|cap xa", t)), tiers[-1])
        value = _number(_PERCENT.search(commune).group(1))  # type: ignore[union-attr]
        return "at_least", value, "%", tiers, flags
    ranged = _RANGE.search(text)
    if ranged:
        flags.append("range")
        return "at_least", _number(ranged.group(1)), "%", [], flags
    match = _PERCENT.search(text)
    if match:
        before = fold(text[: match.start()]).strip()
        comparison = "at_most" if _AT_MOST.search(before) else "at_least"
        return comparison, _number(match.group(1)), "%", [], flags
    counted = _COUNT.search(folded)
    if counted:
        unit_words = text.split()
        unit = " ".join(unit_words[len(folded[: counted.start(2)].split()) :][: len(counted.group(2).split())])
        return "at_least", float(counted.group(1)), unit or counted.group(2), [], flags
    # No figure: how such targets are usually read, marked for the owner to confirm.
    if re.match(r"^(to chuc|to chuc, tham gia)\b.*\b(hoat dong|chuong trinh)", folded):
        return "at_least", 1.0, "hoạt động", [], ["value_inferred"]
    if re.match(r"^(can bo|cong chuc|vien chuc|nguoi dan|hoc sinh|giao vien)\b.*\bduoc\b", folded):
        return "at_least", 100.0, "%", [], ["value_inferred"]
    return "done", None, "", [], flags


def period_of(text: str) -> tuple[int, int] | None:
    folded = fold(text)
    years = [int(y) for y in _YEAR.findall(folded)]
    if not years:
        return None
    if re.search(r"(den|-|–)\s*(nam\s*)?\d{4}", folded) and len(years) >= 2:
        return years[0], years[1]
    return years[0], years[0]


# -- indicators and group kinds (the plans app's fixed vocabularies) --------------------------

INDICATOR_RULES: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("state_tasks_communicated_pct", ("nhiem vu khoa hoc", "ngan sach"), ()),
    ("officers_trained_pct", ("chuyen trach", "dao tao"), ()),
    ("officials_informed_pct", ("can bo, cong chuc",), ("tuyen truyen", "pho bien", "quan triet")),
    ("guiding_documents_pct", ("cung cap",), ("noi dung", "van ban")),
    ("honour_activities", (), ("ghi nhan", "ton vinh", "khen thuong")),
    ("training_activities", (), ("dao tao", "boi duong", "tap huan")),
    ("quality_maintained", ("duy tri",), ("chat luong", "hieu qua")),
    ("section_maintained", ("chuyen muc",), ()),
    ("residents_reached_pct", ("nguoi dan",), ("tiep can", "thong tin co so")),
]


def guess_indicator(text: str) -> str:
    folded = fold(text)
    for key, required, any_of in INDICATOR_RULES:
        if all(r in folded for r in required) and (not any_of or any(a in folded for a in any_of)):
            return key
    return ""


def guess_group_key(title: str) -> str:
    folded = fold(title)
    if re.search(r"truong hoc|hoc sinh|giao duc|nha truong", folded):
        return "schools"
    if re.search(r"doanh nghiep|co so san xuat|hop tac xa", folded):
        return "enterprises"
    return "mass_media"


# -- units --------------------------------------------------------------------------------

_UNIT_START = re.compile(
    r"^(ủy ban|ubnd|phòng|văn phòng|trung tâm|ban|sở|trường|các trường|các thôn|thôn|công an|quân sự|ban chỉ huy|"
    r"mặt trận|ủy ban mặt trận|đoàn|hội|trạm|đài|bưu điện|các phòng|các cơ quan|các đơn vị|các doanh nghiệp|"
    r"các tổ chức|các ban|chi nhánh|viettel|vnpt)",
    re.IGNORECASE,
)
_UNIT_LABELS = re.compile(
    r"(?:đơn vị |cơ quan )?(chủ trì|phối hợp)\s*:\s*([^;)\n]+)",
    re.IGNORECASE,
)


def split_units(text: str) -> list[str]:
    parts = re.split(r"[;,]|\s+và\s+", text)
    return [p.strip(" .-–:") for p in parts if len(p.strip(" .-–:")) > 2]


def unit_kind_of(heading: str) -> str:
    folded = fold(heading)
    if "truong" in folded and "hoc" in folded:
        return "schools"
    if re.search(r"\bthon\b|\bban\b|to dan pho|khu dan cu", folded) and folded.startswith("cac"):
        return "villages"
    if folded.startswith("cac"):
        return "offices"
    return "office"


# -- the parser ---------------------------------------------------------------------------


class Parser:
    def __init__(self, source: SourceText):
        self.source = source
        self.lines = source.restored
        self.folded = [fold(line) for line in self.lines]
        self.draft = d.Draft()

    def flags_for(self, first: int, last: int) -> list[str]:
        flags: list[str] = []
        words = [w for n in range(first - 1, min(last, len(self.lines))) for w in self.source.restored_words[n]]
        if words:
            flags.append("restored")
        if any(doubtful for _, _, doubtful in words):
            flags.append("doubtful_words")
        return flags

    def item(self, node: Node, text: str | None = None) -> d.Item:
        first, last = node.span
        return d.Item(
            text=_tidy(text if text is not None else node.full_text()),
            lines=[first, last],
            flags=self.flags_for(first, last),
        )

    def parse(self) -> d.Draft:
        body_start = self._identity()
        root = build(self.lines, self.source.lines, start=body_start)
        self._walk(root, None)
        self._legal_bases(body_start)
        self._signature_and_recipients()
        self._years()
        self._units_from_responsibilities()
        return self.draft

    # identity -----------------------------------------------------------------------------

    def _identity(self) -> int:
        ident = self.draft.identity
        header_end = min(len(self.lines), 40)
        number_line = date_line = type_line = None
        for i in range(header_end):
            folded = self.folded[i]
            if number_line is None:
                match = re.search(r"\bso\s*[:.]?\s*(\d*)\s*/\s*([a-z][a-z0-9\-&]*)", folded)
                if match:
                    original = self.lines[i]
                    raw = re.search(r"(\d*)\s*/\s*([A-Za-zĐđ][A-Za-zĐđ0-9\-&]*)", original[match.start() :])
                    number = raw.group(1) if raw else match.group(1)
                    suffix = raw.group(2) if raw else match.group(2).upper()
                    ident.code = f"{number}/{suffix.upper().replace('Đ', 'Đ')}"
                    ident.lines["code"] = [i + 1, i + 1]
                    if not number:
                        ident.flags["code"] = ["number_missing"]
                    number_line = i
            if date_line is None and re.search(r"ngay\s+\d", folded):
                window = " ".join(self.lines[i : i + 3])
                issued = parse_date(window)
                if issued and (number_line is None or i >= number_line - 1):
                    ident.issued_on = issued
                    date_line = i
                    ident.lines["issued_on"] = [i + 1, i + 2]
                    place = re.split(r",\s*ngày|\s+ngày\s+\d", self.lines[i], maxsplit=1)[0]
                    place = re.sub(r"^.*?/[A-ZĐ\-]+\s*", "", place).strip(" ,")
                    ident.place = place
            if type_line is None and re.match(r"^\s*(ke hoach|chuong trinh|quyet dinh)\s*$", folded):
                type_line = i
                ident.document_type = self.lines[i].strip().upper()
        header = []
        stop = number_line if number_line is not None else (type_line or 3)
        for line in self.lines[:stop]:
            cleaned = re.sub(
                r"(?i)cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc", "", line
            )
            cleaned = cleaned.strip(" -–—|")
            if cleaned and cleaned.upper() == cleaned and len(cleaned) > 2:
                header.append(cleaned)
        ident.issuer_header = header
        if header:
            ident.issuer = header[0][:1] + header[0][1:].lower()
            if len(header) > 1:
                rest = header[1].lower()
                ident.issuer += " " + " ".join(
                    w if w in ("xã", "phường", "huyện", "tỉnh", "thị", "trấn") else w.capitalize() for w in rest.split()
                )
            ident.lines["issuer"] = [1, stop]
        start = (type_line + 1) if type_line is not None else (date_line or number_line or 0) + 1
        # the title: capitals after the document type, or the first paragraph
        title_lines: list[str] = []
        i = start
        while i < len(self.lines) and not self.lines[i].strip():
            i += 1
        first = i
        while i < len(self.lines) and self.lines[i].strip():
            line = self.lines[i].strip()
            if title_lines and self.lines[first].strip().isupper() and not line.isupper():
                break
            if title_lines and re.match(r"^(căn cứ|thực hiện|triển khai|[IVX]+\.\s|\d+\.\s|-\s)", line, re.IGNORECASE):
                break
            title_lines.append(line)
            i += 1
            if len(title_lines) > 8:
                break
        ident.title = _tidy(" ".join(title_lines))
        if self.lines[first].strip().isupper():
            ident.title = _sentence_case(ident.title)
        ident.lines["title"] = [first + 1, i]
        self._title_end = i
        return i

    # sections -------------------------------------------------------------------------------

    def _walk(self, node: Node, kind: str | None) -> None:
        for child in node.children:
            own = section_kind(child) if child.style not in {"dash", "plus", "para", "row"} else None
            if kind == "retro" and own not in (None, "retro") and child.style not in _HEADING_STYLES:
                own = None
            if child.style == "part" and own is None:
                own = "plan_part"
            if own == "retro" or (kind == "retro" and own is None):
                self.draft.ignored.append(self.item(child))
                continue
            current = own if own not in (None, "plan_part") else kind
            if own == "plan_part" or (own is None and child.style in _HEADING_STYLES and kind is None):
                self._walk(child, None)
                continue
            handler = getattr(self, f"_section_{current}", None) if current else None
            if handler and own is not None:
                handler(child)
            elif (
                current is None
                and child.style in {"para", "dash"}
                and not self.draft.purposes
                and not self.draft.targets
            ):
                self.draft.preamble.append(self.item(child))
            else:
                self._walk(child, current)

    def _section_bases(self, node: Node) -> None:
        self._bases_text = [*getattr(self, "_bases_text", []), (node.span, node.full_text())]

    def _section_purposes(self, node: Node) -> None:
        for child in node.children:
            if child.style == "row":
                continue
            if child.children and len(child.text) < 60:
                for grandchild in child.children:
                    self.draft.purposes.append(self.item(grandchild))
            else:
                self.draft.purposes.append(self.item(child))

    def _section_objectives(self, node: Node) -> None:
        self.draft.objectives_heading = _tidy(node.text).upper()
        specific_found = False
        for child in node.children:
            folded = child.folded
            if "muc tieu chung" in folded[:40]:
                text = " ".join(c.full_text() for c in child.children) or re.sub(
                    r"(?i)^mục tiêu chung\s*[:.]?", "", child.text
                )
                self.draft.general_objective = self.item(child, text)
            elif "cu the" in folded[:40] or "chi tieu" in folded[:40] or _YEAR.search(folded[:40]):
                specific_found = True
                self._targets(child if ("cu the" in folded[:40] or "chi tieu" in folded[:40]) else node, child)
            elif child.style == "row":
                specific_found = True
                self._target_table(node)
                break
            elif any(n.style == "row" for n in child.walk()):
                specific_found = True
                self._target_table(child)
        if not specific_found:
            self._targets(node, node)

    def _targets(self, container: Node, start: Node) -> None:
        nodes = container.children if container is not start else start.children
        if container is not start:
            nodes = [start] if _YEAR.search(start.folded[:40]) and start.children else start.children
        if any(n.style == "row" for n in nodes):
            self._target_table(start)
            return
        heading_period = period_of(start.text) if len(start.text) < 80 else None
        for child in nodes:
            if child.children and len(child.text) < 90 and period_of(child.text):
                period = period_of(child.text)
                for leaf in child.children:
                    self._add_target(leaf, period, from_heading=True)
            elif child.style != "row":
                self._add_target(child, heading_period, from_heading=heading_period is not None)

    def _add_target(self, node: Node, period: tuple[int, int] | None, *, from_heading: bool) -> None:
        text = _tidy(node.full_text())
        if len(text) < 12:
            return
        target = d.Target(text=text, lines=node.span, flags=self.flags_for(*node.span))
        own = re.search(r"(?:đến|trong|vào|năm)\s+năm\s+(20\d\d)|đến năm (20\d\d)", text)
        if own and not from_heading:
            year = int(own.group(1) or own.group(2))
            period = (year, year)
        elif period is None:
            target.flags.append("year_guessed")
        target.period = (
            "" if period is None else (str(period[0]) if period[0] == period[1] else f"{period[0]}-{period[1]}")
        )
        comparison, value, unit, tiers, flags = read_values(text)
        target.tiers = tiers
        target.flags += flags
        if period:
            target.milestones = [d.Milestone(y, comparison, value, unit) for y in range(period[0], period[1] + 1)]
        target.indicator = guess_indicator(text)
        if not target.indicator:
            target.flags.append("no_indicator")
        self.draft.targets.append(target)

    def _target_table(self, node: Node) -> None:
        rows = [c for c in node.walk() if c.style == "row"]
        years: list[tuple[int, int]] = []  # (column, year)
        for row in rows:
            found = [(i, int(m.group(1))) for i, c in enumerate(row.cells) if (m := re.search(r"(20[2-5]\d)", c))]
            if len(found) >= 1 and not any(_PERCENT.search(c) for c in row.cells):
                years = found
                continue
            if not years:
                continue
            label = next(
                (c for i, c in enumerate(row.cells) if i not in dict(years) and len(c) > 8 and not c.isdigit()), ""
            )
            if not label:
                continue
            target = d.Target(
                text=_tidy(label), lines=[row.first, row.first], flags=self.flags_for(row.first, row.first)
            )
            for column, year in years:
                if column < len(row.cells) and row.cells[column].strip():
                    comparison, value, unit, _tiers, flags = read_values(row.cells[column])
                    target.milestones.append(d.Milestone(year, comparison, value, unit))
                    target.flags += [f for f in flags if f not in target.flags]
            if not target.milestones:
                continue
            first_year, last_year = target.milestones[0].year, target.milestones[-1].year
            target.period = str(first_year) if first_year == last_year else f"{first_year}-{last_year}"
            target.indicator = guess_indicator(label)
            if not target.indicator:
                target.flags.append("no_indicator")
            self.draft.targets.append(target)

    def _section_tasks(self, node: Node) -> None:
        children = [c for c in node.children if c.style != "para" or c.children]
        groups = [c for c in children if c.children and c.style not in {"dash", "plus", "row"}]
        if any(c.style == "row" for c in node.walk()):
            self._task_table(node)
            return
        if not groups:
            groups = [node]
        for _number, group_node in enumerate(groups, start=1):
            title = _tidy(group_node.text if group_node is not node else node.text)
            group = d.TaskGroup(
                text=title, lines=group_node.span if group_node is not node else [node.first, node.last]
            )
            group.key = guess_group_key(title)
            leaves = group_node.children
            for leaf in leaves:
                if leaf.style == "para" and len(leaf.text) < 20:
                    continue
                if leaf.children and leaf.style in {"letter", "arabic2"} and len(leaf.text) < 100:
                    for sub in leaf.children:
                        group.tasks.append(self._task(sub))
                else:
                    group.tasks.append(self._task(leaf))
            if group.tasks:
                self.draft.task_groups.append(group)

    def _task(self, node: Node) -> d.Task:
        text = _tidy(node.full_text())
        task = d.Task(text=text, lines=node.span, flags=self.flags_for(*node.span))
        for role, names in _UNIT_LABELS.findall(text):
            target = task.lead if fold(role) == "chu tri" else task.coordinating
            target.extend(split_units(names))
        if task.lead or task.coordinating:
            task.text = _tidy(re.sub(r"\s*\((?:đơn vị |cơ quan )?chủ trì[^)]*\)", "", text, flags=re.IGNORECASE))
        if re.search(r"hang nam|hằng năm|hàng năm", fold(text)):
            task.recurrence = "annual"
        return task

    def _task_table(self, node: Node) -> None:
        rows = [c for c in node.walk() if c.style == "row"]
        columns: dict[str, int] = {}
        group: d.TaskGroup | None = None
        for row in rows:
            folded = [fold(c) for c in row.cells]
            if not columns and any("chu tri" in c for c in folded):
                for i, c in enumerate(folded):
                    if "chu tri" in c:
                        columns["lead"] = i
                    elif "phoi hop" in c:
                        columns["coordinating"] = i
                    elif "san pham" in c or "ket qua" in c:
                        columns["output"] = i
                    elif "thoi gian" in c or "thoi han" in c or "tien do" in c:
                        columns["deadline"] = i
                    elif "nhiem vu" in c or "noi dung" in c:
                        columns["text"] = i
                continue
            if not columns:
                continue
            cells = row.cells + [""] * 8
            text = cells[columns.get("text", 1)].strip()
            numbering = cells[0].strip()
            others = [cells[i].strip() for k, i in columns.items() if k != "text"]
            if text and not any(others):
                group = d.TaskGroup(text=_tidy(text), lines=[row.first, row.first], key=guess_group_key(text))
                self.draft.task_groups.append(group)
                continue
            if not text:
                continue
            if group is None:
                group = d.TaskGroup(
                    text=_tidy(node.text), lines=[node.first, node.first], key=guess_group_key(node.text)
                )
                self.draft.task_groups.append(group)
            task = d.Task(text=_tidy(text), lines=[row.first, row.first], flags=self.flags_for(row.first, row.first))
            task.lead = split_units(cells[columns["lead"]]) if "lead" in columns else []
            task.coordinating = split_units(cells[columns["coordinating"]]) if "coordinating" in columns else []
            task.output = cells[columns["output"]].strip() if "output" in columns else ""
            task.deadline = cells[columns["deadline"]].strip() if "deadline" in columns else ""
            if re.search(r"hang nam|hằng năm|hàng năm", fold(task.deadline)):
                task.recurrence = "annual"
            del numbering
            group.tasks.append(task)

    def _section_appendix(self, node: Node) -> None:
        rows = [c for c in node.walk() if c.style == "row"]
        if any("chu tri" in fold(c) for r in rows for c in r.cells):
            self._task_table(node)
        elif rows:
            self._target_table(node)

    def _section_funding(self, node: Node) -> None:
        text = _tidy(" ".join(c.full_text() for c in node.children) or node.text)
        self.draft.funding = self.item(node, text)
        folded = fold(text)
        for kind, pattern in (
            ("state_budget", r"ngan sach"),
            ("integrated", r"long ghep"),
            ("socialised", r"xa hoi hoa|hop phap khac|nguon von khac|tai tro"),
        ):
            if re.search(pattern, folded):
                self.draft.funding_sources.append(d.Item(text=kind, lines=node.span))

    def _section_organisation(self, node: Node) -> None:
        for child in node.children:
            if child.style == "para" and not child.children:
                if re.match(r"^noi nhan", child.folded):
                    break
                if not self.draft.responsibilities or re.search(r"yeu cau|de nghi", child.folded[:80]):
                    self.draft.closing = _tidy(child.text)
                    continue
                self.draft.responsibilities[-1].items.append(_tidy(child.text))
                continue
            heading = _tidy(child.text)
            resp = d.Responsibility(text=heading, lines=child.span, flags=self.flags_for(*child.span))
            resp.heading = heading
            resp.unit_kind = unit_kind_of(heading)
            for grandchild in child.children:
                if re.match(r"^noi nhan", grandchild.folded):
                    break
                if (
                    grandchild.style == "para"
                    and re.search(r"yeu cau|de nghi", grandchild.folded[:80])
                    and "uy ban" in grandchild.folded[:30]
                ):
                    self.draft.closing = _tidy(grandchild.text)
                    continue
                resp.items.append(_tidy(grandchild.full_text()))
            self.draft.responsibilities.append(resp)
        self._reporting(node)

    def _section_reporting(self, node: Node) -> None:
        self._reporting(node)

    def _reporting(self, node: Node) -> None:
        for candidate in node.walk():
            folded = candidate.folded
            found = re.findall(r"truoc ngay (\d{1,2})\s*(?:thang|/)\s*(\d{1,2})", folded)
            if found and "bao cao" in folded:
                self.draft.reporting = self.item(candidate, candidate.text)
                for day, month in found:
                    label = (
                        "Báo cáo 6 tháng đầu năm"
                        if int(month) in (6, 7)
                        else "Báo cáo năm"
                        if int(month) in (1, 12)
                        else f"Báo cáo trước ngày {int(day):02d}/{int(month):02d}"
                    )
                    if not any(x.day == int(day) and x.month == int(month) for x in self.draft.deadlines):
                        self.draft.deadlines.append(d.Deadline(int(day), int(month), label))
                self.draft.reporting_ad_hoc = "dot xuat" in folded
                return

    # legal bases ----------------------------------------------------------------------------

    def _legal_bases(self, body_start: int) -> None:
        ident = self.draft.identity
        title_first = ident.lines.get("title", [1, 1])[0]
        chunks: list[tuple[list[int], str]] = [([title_first, self._title_end], ident.title)]
        chunks += [(p.lines, p.text) for p in self.draft.preamble]
        chunks += getattr(self, "_bases_text", [])
        seen: set[str] = set()
        for span, text in chunks:
            text = _tidy(text)
            for match in _REF.finditer(text):
                code = normalise_code(match.group("code"))
                if code in seen or not match.group("date"):
                    continue
                seen.add(code)
                after = text[match.end() :]
                issuer_match = re.match(r"\s*(?:,\s*)?(?:của\s+)?(.*)", after)
                rest = issuer_match.group(1) if issuer_match else after
                has_issuer = after.lstrip(" ,").startswith("của")
                end = _ISSUER_END.search(rest)
                issuer = rest[: end.start()].strip() if has_issuer and end else ""
                summary_start = rest[end.start() :] if end else ""
                nxt = _REF.search(summary_start[1:]) if summary_start else None
                summary = (
                    summary_start[: nxt.start() + 1]
                    if nxt and summary_start[: nxt.start() + 1].rstrip().endswith(";")
                    else re.split(r";|\.\s", summary_start)[0]
                )
                alias = _ALIAS.search(summary)
                summary = _tidy(_ALIAS.sub("", summary)).strip(" ;,.")
                basis = d.LegalBasis(
                    text=_tidy(match.group(0)),
                    lines=span,
                    flags=self.flags_for(*span),
                    code=code,
                    kind=match.group("kind"),
                    issued_on=parse_date(match.group("date")),
                    issuer=_tidy(issuer),
                    summary=summary,
                    alias=_tidy(alias.group(1)) if alias else "",
                )
                self.draft.legal_bases.append(basis)
            for law in _LAW.finditer(text):
                code = _tidy(f"Luật {law.group('name')}")
                if code not in seen:
                    seen.add(code)
                    self.draft.legal_bases.append(
                        d.LegalBasis(
                            text=code,
                            lines=span,
                            code=code,
                            kind="Luật",
                            issued_on=parse_date(law.group("date")),
                            issuer="Quốc hội",
                            summary="",
                        )
                    )

    # end matter -----------------------------------------------------------------------------

    def _signature_and_recipients(self) -> None:
        ident = self.draft.identity
        tail = range(max(0, len(self.lines) - 40), len(self.lines))
        recipients_at = None
        for i in tail:
            folded = self.folded[i]
            auth = re.search(r"\b(kt|tm|tl|tuq)\.?\s+(chu tich|uy ban nhan dan|giam doc|truong ban)", folded)
            if auth and not ident.signer_authority:
                kind = auth.group(1).upper()
                rest = self.lines[i][auth.start() :] if len(self.lines[i]) == len(folded) else ""
                role = auth.group(2)
                name = {
                    "chu tich": "CHỦ TỊCH",
                    "uy ban nhan dan": "ỦY BAN NHÂN DÂN",
                    "giam doc": "GIÁM ĐỐC",
                    "truong ban": "TRƯỞNG BAN",
                }[role]
                ident.signer_authority = f"{kind}. {name}"
                del rest
                ident.lines["signer"] = [i + 1, i + 1]
                if kind == "KT" and role == "chu tich":
                    ident.signer_title = "PHÓ CHỦ TỊCH"
                    ident.flags["signer"] = ["inferred"]
            elif not ident.signer_authority and re.match(r"^\s*(chu tich|pho chu tich)\s*$", folded):
                ident.signer_title = self.lines[i].strip().upper()
            if re.match(r"^\s*noi nhan", folded):
                recipients_at = i
        if recipients_at is None:
            return
        for i in range(recipients_at, len(self.lines)):
            line = self.lines[i].strip()
            line = re.sub(r"(?i)^nơi nhận\s*:?", "", line)
            signature = re.search(r"(?:^|\s)(KT|TM|TL)\.?\s+(\S.*)$", line)
            if signature and signature.group(2).upper() == signature.group(2):
                line = line[: signature.start()]
            line = line.strip(" -–;.")
            if not line or re.match(r"^(chủ tịch|phó chủ tịch)$", line, re.IGNORECASE):
                continue
            self.draft.recipients.append(d.Item(text=line, lines=[i + 1, i + 1], flags=self.flags_for(i + 1, i + 1)))

    def _years(self) -> None:
        years = [m.year for t in self.draft.targets for m in t.milestones]
        issued = int(self.draft.identity.issued_on[:4]) if self.draft.identity.issued_on else None
        title_years = [int(y) for y in _YEAR.findall(fold(self.draft.identity.title))]
        self.draft.start_year = min(years + ([issued] if issued else []) or [2025])
        self.draft.end_year = max(years + title_years + [self.draft.start_year])
        for target in self.draft.targets:
            if not target.milestones and "year_guessed" in target.flags:
                year = self.draft.end_year
                target.period = str(year)
                comparison, value, unit, _, _ = read_values(target.text)
                target.milestones = [d.Milestone(year, comparison, value, unit)]

    def _units_from_responsibilities(self) -> None:
        """Plans often give tasks to kinds of units in section "Tổ chức thực hiện" rather than
        task by task: the unit that "chủ trì" the plan leads every task, and a unit whose
        duties repeat a group's title leads that group, with those it "phối hợp" with."""
        default_lead = ""
        by_group: dict[int, tuple[str, list[str]]] = {}
        for resp in self.draft.responsibilities:
            for item in resp.items:
                folded = fold(item)
                if not folded.startswith("chu tri"):
                    continue
                if (
                    re.search(r"nhiem vu duoc giao tai ke hoach|to chuc trien khai thuc hien cac nhiem vu", folded)
                    and not default_lead
                ):
                    default_lead = resp.heading
                    continue
                partners = re.search(r"phoi hop voi (.*?)(?: va cac co quan| thuc hien|,|$)", folded)
                partner_names = []
                if partners:
                    start = partners.start(1)
                    partner_names = [p for p in split_units(item[start : partners.end(1)]) if p]
                best, overlap = None, 0.0
                for index, group in enumerate(self.draft.task_groups):
                    score = _overlap(fold(group.text), folded)
                    if score > overlap:
                        best, overlap = index, score
                if best is not None and overlap > 0.35:
                    by_group[best] = (resp.heading, partner_names)
        for index, group in enumerate(self.draft.task_groups):
            for task in group.tasks:
                if task.lead:
                    continue
                if index in by_group:
                    lead, partner_list = by_group[index]
                    task.lead = [lead]
                    task.coordinating = [p for p in partner_list if fold(p) != fold(lead)]
                elif default_lead:
                    task.lead = [default_lead]
                else:
                    task.flags.append("no_unit")
                    continue
                task.flags.append("units_inferred")


def _overlap(a: str, b: str) -> float:
    words_a = set(re.findall(r"\w+", a))
    words_b = set(re.findall(r"\w+", b))
    return len(words_a & words_b) / max(1, len(words_a))


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^[,;.\s]+", "", text)
    return re.sub(r"\s+([,.;:])", r"\1", text)


def _sentence_case(text: str) -> str:
    lower = text.lower()
    return lower[:1].upper() + lower[1:]


def parse(source: SourceText) -> d.Draft:
    return Parser(source).parse()
