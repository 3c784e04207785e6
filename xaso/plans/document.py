"""The plan as a portable YAML document: its schema, parsing with line-accurate
Vietnamese error messages, and canonical serialisation.

`parse_plan_yaml(text)` either returns a validated PlanDocument or raises
PlanDocumentError listing every problem as "Dòng N, trường a.b[2].c: message".
`dump_plan_yaml(doc)` writes the canonical form the seed file is kept in, so that
export -> import -> export gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from xaso.inputs.yamlsafe import YamlInputError, load_yaml

FORMAT = "xaso.plan/1"
MAX_BYTES = 1_000_000

# Lengths are the database's (a longer value would be cut by SQLite and refused by PostgreSQL);
# free text is capped so that one field cannot carry the whole megabyte.
TEXT_MAX = 20_000
Text = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=TEXT_MAX)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=False, max_length=TEXT_MAX)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX, pattern=r"^[^\n\r]*$")]
Line32 = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[^\n\r]*$")]
Line64 = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[^\n\r]*$")]
Line128 = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[^\n\r]*$")]
Line255 = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[^\n\r]*$")]
Optional64 = Annotated[str, StringConstraints(strip_whitespace=False, max_length=64)]
Optional128 = Annotated[str, StringConstraints(strip_whitespace=False, max_length=128)]
Optional32 = Annotated[str, StringConstraints(strip_whitespace=False, max_length=32)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Year = Annotated[int, Field(ge=2000, le=2100)]
# Milestone.value is a DecimalField(max_digits=12, decimal_places=2), never negative.
MilestoneValue = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), decimal_places=2)]
DATE_FIRST, DATE_LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LegalBasisDoc(Strict):
    code: Line64
    issued_on: dt.date
    issuer: Line255
    summary: Line

    @field_validator("issued_on", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _parse_date(value)


class SignerDoc(Strict):
    authority: Optional64
    title: Optional128
    name: Optional128


class MilestoneDoc(Strict):
    year: Year
    comparison: Literal["at_least", "at_most", "equal", "done"]
    value: MilestoneValue | None = None
    unit: Optional32 | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("bool")
        if isinstance(value, int | float):
            return Decimal(str(value))
        return value


class TargetDoc(Strict):
    code: Line32
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{4})?$")]
    text: Line
    indicator: Literal[
        "section_maintained",
        "officials_informed_pct",
        "guiding_documents_pct",
        "honour_activities",
        "quality_maintained",
        "training_activities",
        "state_tasks_communicated_pct",
        "residents_reached_pct",
        "officers_trained_pct",
    ]
    milestones: list[MilestoneDoc]


class TaskDoc(Strict):
    code: Line32
    text: Line
    lead: list[Code]
    coordinating: list[Code]
    recurrence: Literal["once", "continuous", "annual", "semiannual", "quarterly", "monthly"]
    deadline: dt.date | None

    @field_validator("deadline", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return None if value is None else _parse_date(value)


class TaskGroupDoc(Strict):
    number: Annotated[int, Field(ge=1, le=99)]
    key: Literal["mass_media", "schools", "enterprises"]
    title: Line
    tasks: list[TaskDoc]


class FundingSourceDoc(Strict):
    kind: Literal["state_budget", "integrated", "socialised"]
    text: Line


class FundingDoc(Strict):
    text: Line
    sources: list[FundingSourceDoc]


class ResponsibilityDoc(Strict):
    number: Annotated[int, Field(ge=1, le=99)]
    heading: Line255
    unit_kind: Literal["office", "offices", "schools", "villages"]
    unit: Code | None
    items: list[Line]


class DeadlineDoc(Strict):
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    label: Line128


class ReportingDoc(Strict):
    text: Line
    deadlines: list[DeadlineDoc]
    ad_hoc: bool
    via_unit: Code | None
    recipient_unit: Code | None


class RecipientDoc(Strict):
    text: Line255
    unit: Code | None


class PlanBody(Strict):
    code: Line64
    document_type: Line64
    issuer: Line255
    issuer_header: list[Line]
    commune: Code
    place: Line128
    issued_on: dt.date
    title: Line
    start_year: Year
    end_year: Year
    signer: SignerDoc
    legal_bases: list[LegalBasisDoc]
    preamble: list[Line]
    purposes: list[Line]
    objectives_heading: Line255
    general_objective: Line
    targets: list[TargetDoc]
    task_groups: list[TaskGroupDoc]
    funding: FundingDoc
    responsibilities: list[ResponsibilityDoc]
    reporting: ReportingDoc
    closing: OptionalText
    recipients: list[RecipientDoc]

    @field_validator("issued_on", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _parse_date(value)


class PlanDocument(Strict):
    format: Literal["xaso.plan/1"]
    plan: PlanBody


def _parse_date(value: Any) -> Any:
    # Dates travel as quoted "YYYY-MM-DD" strings; YAML's own date type is accepted too.
    if isinstance(value, dt.datetime):
        raise ValueError("date_format")
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError("date_invalid") from exc
    if isinstance(value, dt.date):
        if not DATE_FIRST <= value <= DATE_LAST:
            raise ValueError("date_range")
        return value
    raise ValueError("date_format")


# -- errors -------------------------------------------------------------------------


class PlanDocumentError(Exception):
    """A plan file that cannot be imported; `problems` are Vietnamese, one per field."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


ERR_NOT_UTF8 = "Tệp không phải văn bản UTF-8. Hãy lưu tệp với bảng mã UTF-8."
ERR_TOO_BIG = "Tệp quá lớn (tối đa 1 MB)."
ERR_EMPTY = "Tệp trống."
ERR_SYNTAX = "Dòng {line}, cột {column}: lỗi cú pháp YAML ({problem})."
ERR_YAML = "Dòng {line}, cột {column}: {problem}."
ERR_NOT_MAPPING = "Dòng 1: tệp phải bắt đầu bằng các trường “format” và “plan”."

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu kế hoạch",
    "string_type": "phải là một chuỗi văn bản (đặt trong dấu ngoặc kép)",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "decimal_max_places": "chỉ được có tối đa {decimal_places} chữ số sau dấu phẩy",
    "decimal_max_digits": "số quá lớn",
    "decimal_whole_digits": "số quá lớn",
    "less_than": "giá trị quá lớn",
    "greater_than": "giá trị quá nhỏ",
    "finite_number": "phải là một số hữu hạn",
    "date_from_datetime_inexact": "phải là ngày, không kèm giờ",
    "date_from_datetime_parsing": 'phải là ngày dạng NNNN-TT-NN, ví dụ "2025-08-23"',
    "date_parsing": 'phải là ngày dạng NNNN-TT-NN, ví dụ "2025-08-23"',
    "string_pattern_mismatch": "không đúng định dạng",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "bool_type": "phải là true (có) hoặc false (không)",
    "list_type": "phải là một danh sách",
    "model_type": "phải là một nhóm mục, mỗi dòng dạng “tên: giá trị”",
    "dict_type": "phải là một nhóm mục, mỗi dòng dạng “tên: giá trị”",
    "decimal_type": "phải là một số",
    "decimal_parsing": "phải là một số",
    "greater_than_equal": "giá trị quá nhỏ (tối thiểu {ge})",
    "less_than_equal": "giá trị quá lớn (tối đa {le})",
    "date_type": "phải là ngày dạng NNNN-TT-NN",
}


def _message(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        return f"giá trị không hợp lệ, phải là một trong: {ctx.get('expected', '')}"
    if kind == "value_error":
        original = str(ctx.get("error", ""))
        if "date_invalid" in original:
            return "ngày không tồn tại"
        if "date_format" in original:
            return 'phải là ngày dạng NNNN-TT-NN, ví dụ "2025-08-23"'
        if "date_range" in original:
            return f"ngày phải từ năm {DATE_FIRST.year} đến năm {DATE_LAST.year}"
        return "giá trị không hợp lệ"
    if kind == "string_pattern_mismatch" and "\\n" in str(ctx.get("pattern", "")):
        return "phải nằm trên một dòng"
    template = _MESSAGES.get(kind, "giá trị không hợp lệ")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def field_path(loc: tuple[Any, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item + 1}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts)


# -- parsing ---------------------------------------------------------------------------


def _line_map(node: yaml.Node, path: tuple[Any, ...] = (), lines: dict[tuple[Any, ...], int] | None = None) -> dict:
    """Map each path in the document (("plan", "targets", 2, "code")) to its 1-based line."""
    lines = {} if lines is None else lines
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines)
    return lines


def line_of(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    while loc and loc not in lines:
        loc = loc[:-1]
    return lines.get(loc, 1)


def parse_plan_yaml(raw: bytes | str) -> tuple[PlanDocument, dict[tuple[Any, ...], int]]:
    """Validate a plan file; returns the document and the line of each field."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise PlanDocumentError([ERR_TOO_BIG])
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PlanDocumentError([ERR_NOT_UTF8]) from exc
    else:
        text = raw
    if not text.strip():
        raise PlanDocumentError([ERR_EMPTY])
    try:
        data, node = load_yaml(text)
    except YamlInputError as exc:
        template = ERR_SYNTAX if exc.syntax else ERR_YAML
        raise PlanDocumentError([template.format(line=exc.line, column=exc.column, problem=exc.message)]) from exc
    if node is None or not isinstance(data, dict):
        raise PlanDocumentError([ERR_NOT_MAPPING])
    lines = _line_map(node)
    try:
        document = PlanDocument.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(f"Dòng {line_of(lines, loc)}, trường {field_path(loc)}: {_message(error)}.")
        raise PlanDocumentError(problems) from exc
    return document, lines


# -- serialisation ------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML by hand.
        super().increase_indent(flow, False)


class _Quoted(str):
    """A text value: always double-quoted, so "2025" or "yes" never change type."""


def _quoted_representer(dumper: yaml.SafeDumper, value: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


def _decimal_representer(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    normalised = value.normalize()
    if normalised == normalised.to_integral_value():
        return dumper.represent_int(int(normalised))
    return dumper.represent_float(float(normalised))


_Dumper.add_representer(_Quoted, _quoted_representer)
_Dumper.add_representer(Decimal, _decimal_representer)


def dump_plan_yaml(document: PlanDocument) -> str:
    data = document.model_dump(mode="python", exclude_none=False)
    for target in data["plan"]["targets"]:
        for milestone in target["milestones"]:
            for key in ("value", "unit"):
                if milestone[key] is None:
                    del milestone[key]
    return yaml.dump(_quote_values(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2)


def _quote_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _quote_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quote_values(item) for item in value]
    if isinstance(value, dt.date):
        return _Quoted(value.isoformat())
    if isinstance(value, str):
        return _Quoted(value)
    return value
