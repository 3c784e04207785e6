"""YAML read with limits, and PyYAML's English errors said in Vietnamese with their line.

PyYAML's safe loader refuses Python objects but nothing else: a 10,000-level nesting exhausts the
recursion limit, anchors and aliases expand ("billion laughs"), a key given twice silently keeps
the second value, `2025-02-30` or a 5,000-digit number raise plain ValueErrors from deep inside,
and every syntax error speaks English ("mapping values are not allowed here"). `load_yaml` checks,
before building anything: the size, characters (no NUL or other control characters), aliases and
anchors, depth and number of nodes; then builds values itself: keys unique, integers of at most
`MAX_INT_DIGITS` digits, no infinities, dates that exist within `DATE_YEARS`, only the plain
types (string, number, true/false, null, date, list, mapping). Every refusal is a `YamlInputError`
with its line and column, and the message is Vietnamese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (ten times faster), the pure one otherwise.
Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 24
MAX_NODES = 200_000
MAX_INT_DIGITS = 15
MAX_FLOAT = 1e15
DATE_YEARS = (1900, 2200)

ERR_CONTROL = "ký tự điều khiển không được phép (mã {code}); hãy xóa ký tự này"
ERR_ALIAS = "tệp không được dùng tham chiếu YAML (& hoặc *)"
ERR_DEPTH = "lồng quá sâu (tối đa {limit} cấp)"
ERR_NODES = "tệp có quá nhiều mục (tối đa {limit})"
ERR_DUPLICATE_KEY = "trường “{key}” xuất hiện hai lần trong cùng một nhóm"
ERR_KEY_TYPE = "tên trường phải là chữ"
ERR_INT_TOO_LONG = "số quá lớn (tối đa {limit} chữ số)"
ERR_NUMBER = "số không hợp lệ"
ERR_DATE = "ngày “{value}” không tồn tại"
ERR_DATE_RANGE = "năm của ngày “{value}” phải từ {first} đến {last}"
ERR_TAG = "kiểu dữ liệu “{tag}” không được dùng; chỉ dùng chữ, số, ngày, true/false, danh sách và nhóm trường"
ERR_SYNTAX_UNKNOWN = "cấu trúc YAML không đúng"

# PyYAML's problems (scanner, parser, reader, composer) in the words of a person fixing the file.
_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed", "dấu hai chấm “:” đặt sai chỗ (giá trị có dấu “:” cần đặt trong ngoặc kép)"),
    (r"could not find expected ':'", "thiếu dấu hai chấm “:” sau tên trường"),
    (r"found character '\\t'|found a tab character", "có ký tự Tab; hãy thụt lề bằng dấu cách"),
    (r"found unknown escape character", "ký tự thoát “\\” không hợp lệ trong chuỗi"),
    (r"found unexpected end of stream|unexpected end of stream", "tệp kết thúc giữa chừng (thiếu dấu ngoặc kép đóng?)"),
    (r"did not find expected key", "thụt lề không đúng: tên trường không thẳng hàng"),
    (r"did not find expected '-' indicator", "thụt lề không đúng trong danh sách (mỗi mục bắt đầu bằng “- ”)"),
    (r"did not find expected node content|expected the node content", "thiếu giá trị"),
    (r"did not find expected ',' or '\]'", "danh sách trong ngoặc vuông chưa đóng đúng"),
    (r"did not find expected ',' or '}'", "nhóm trong ngoặc nhọn chưa đóng đúng"),
    (r"did not find expected comment or line break|expected a comment or a line break", "có chữ thừa sau giá trị"),
    (r"expected <block end>|expected <document start>", "thụt lề không đúng"),
    (r"found undefined alias|found duplicate anchor|expected alias|expected anchor", ERR_ALIAS),
    (r"found unexpected ':'", "dấu hai chấm “:” đặt sai chỗ"),
    (
        r"unacceptable character|special characters are not allowed|control characters are not allowed|"
        r"invalid (leading|trailing) UTF-8 octet|incomplete UTF-8 octet",
        "có ký tự không đọc được",
    ),
    (
        r"found character.*cannot start any token",
        "có ký tự không thể bắt đầu một giá trị (hãy đặt giá trị trong ngoặc kép)",
    ),
    (r"while scanning a quoted scalar", "chuỗi trong ngoặc kép chưa được đóng"),
    (r"expected a single document|but found another document", "tệp chỉ được có một tài liệu (bỏ dòng “---” thứ hai)"),
    (r"found unknown tag|could not determine a constructor", "kiểu dữ liệu không được dùng"),
    (r"incompatible YAML document|duplicate %?YAML directive|%YAML|directive", "khai báo %YAML không hợp lệ"),
    (r"depth", "lồng quá sâu"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass(frozen=True)
class YamlInputError(Exception):
    line: int
    column: int
    message: str
    # True for PyYAML's own syntax errors (translated), False for the limits checked here.
    syntax: bool = False

    def __str__(self) -> str:
        return f"Dòng {self.line}, cột {self.column}: {self.message}"


def translate(problem: str | None) -> str:
    """A PyYAML problem ("mapping values are not allowed here") said in Vietnamese."""
    for pattern, vietnamese in _TRANSLATIONS:
        if problem and re.search(pattern, problem):
            return vietnamese
    return ERR_SYNTAX_UNKNOWN


def _at(mark: Any, message: str, *, syntax: bool = False) -> YamlInputError:
    return YamlInputError(
        line=mark.line + 1 if mark else 1, column=mark.column + 1 if mark else 1, message=message, syntax=syntax
    )


def _check_characters(text: str) -> None:
    match = _CONTROL.search(text)
    if match:
        before = text[: match.start()]
        line = before.count("\n") + 1
        column = match.start() - (before.rfind("\n") + 1) + 1
        raise YamlInputError(line, column, ERR_CONTROL.format(code=f"U+{ord(match.group(0)):04X}"))


def _check_events(text: str, *, max_depth: int, max_nodes: int) -> None:
    depth = nodes = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _at(event.start_mark, ERR_ALIAS)
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > max_nodes:
                raise _at(event.start_mark, ERR_NODES.format(limit=f"{max_nodes:,}".replace(",", ".")))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise _at(event.start_mark, ERR_DEPTH.format(limit=max_depth))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


def _scalar(loader: Any, node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        raise _at(node.start_mark, ERR_TAG.format(tag=tag.rsplit(":", 1)[-1]))
    value = node.value
    if tag == "tag:yaml.org,2002:int":
        digits = re.sub(r"[^0-9a-fA-F]", "", value)
        if len(digits) > MAX_INT_DIGITS:
            raise _at(node.start_mark, ERR_INT_TOO_LONG.format(limit=MAX_INT_DIGITS))
    if tag == "tag:yaml.org,2002:timestamp":
        match = _DATE.match(value)
        if match:
            year = int(match.group(1))
            if not DATE_YEARS[0] <= year <= DATE_YEARS[1]:
                raise _at(node.start_mark, ERR_DATE_RANGE.format(value=value, first=DATE_YEARS[0], last=DATE_YEARS[1]))
        try:
            return loader.construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _at(node.start_mark, ERR_DATE.format(value=value)) from exc
    try:
        constructed = loader.construct_object(node, deep=False)
    except (ValueError, OverflowError, yaml.YAMLError) as exc:
        raise _at(node.start_mark, ERR_NUMBER) from exc
    if isinstance(constructed, float) and not abs(constructed) <= MAX_FLOAT:
        raise _at(node.start_mark, ERR_NUMBER)
    if isinstance(constructed, str) and (control := _CONTROL.search(constructed)):
        # An escape inside double quotes ("\0", "\x07") makes what the text check could not see.
        raise _at(node.start_mark, ERR_CONTROL.format(code=f"U+{ord(control.group(0)):04X}"))
    return constructed


def _build(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(loader, node)
    if node.tag not in _PLAIN_TAGS:
        raise _at(node.start_mark, ERR_TAG.format(tag=node.tag.rsplit(":", 1)[-1]))
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item) for item in node.value]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _at(key_node.start_mark, ERR_KEY_TYPE)
        key = _scalar(loader, key_node)
        if key in mapping:
            raise _at(key_node.start_mark, ERR_DUPLICATE_KEY.format(key=key))
        mapping[key] = _build(loader, value_node)
    return mapping


def load_yaml(text: str, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> tuple[Any, yaml.Node | None]:
    """The document's value and its node tree (for line numbers); raises YamlInputError."""
    _check_characters(text)
    try:
        _check_events(text, max_depth=max_depth, max_nodes=max_nodes)
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            return (None if node is None else _build(loader, node)), node
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _at(exc.problem_mark or exc.context_mark, translate(exc.problem or exc.context), syntax=True) from exc
    except yaml.YAMLError as exc:
        raise YamlInputError(1, 1, translate(str(exc)), syntax=True) from exc
    except RecursionError as exc:  # a limit set above MAX_DEPTH by a caller: still no server error
        raise YamlInputError(1, 1, ERR_DEPTH.format(limit=max_depth)) from exc
