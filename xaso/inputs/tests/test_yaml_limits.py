"""Loading YAML with limits: what PyYAML alone lets through is refused, in Vietnamese, with its line."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xaso.inputs.yamlsafe import MAX_DEPTH, YamlInputError, load_yaml, translate
from xaso.testing.badinputs import assert_vietnamese, counted, suite_settings


def problem(text: str) -> YamlInputError:
    with pytest.raises(YamlInputError) as excinfo:
        load_yaml(text)
    assert_vietnamese(str(excinfo.value))
    return excinfo.value


def test_plain_values_load_as_before():
    value, node = load_yaml('a: 1\nb: [1.5, "x", true, null]\nc: 2025-02-28\nd:\n  e: "Hà Nội"\n')
    assert value == {"a": 1, "b": [1.5, "x", True, None], "c": dt.date(2025, 2, 28), "d": {"e": "Hà Nội"}}
    assert node is not None
    assert node.start_mark.line == 0


def test_a_key_given_twice_is_refused_on_its_second_line():
    found = problem("plan:\n  code: 1\n  code: 2\n")
    assert (found.line, found.message) == (3, "trường “code” xuất hiện hai lần trong cùng một nhóm")


def test_anchors_and_aliases_are_refused_before_anything_expands():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    assert problem(laughs).message == "tệp không được dùng tham chiếu YAML (& hoặc *)"


def test_deep_nesting_is_refused_without_exhausting_the_stack():
    assert problem("[" * 10_000 + "]" * 10_000).message.startswith("lồng quá sâu")
    assert problem("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, MAX_DEPTH + 2)) + "  " * 30 + "x").line > 1


def test_an_impossible_date_and_a_date_out_of_range():
    assert problem("issued_on: 2025-02-30").message == "ngày “2025-02-30” không tồn tại"
    assert problem("issued_on: 9999-01-01").message == "năm của ngày “9999-01-01” phải từ 1900 đến 2200"


def test_a_5000_digit_integer_is_refused_before_python_tries():
    assert problem("value: " + "9" * 5000).message == "số quá lớn (tối đa 15 chữ số)"
    assert problem("value: .inf").message == "số không hợp lệ"


@pytest.mark.parametrize("text", ['a: "x\x00y"', 'a: "\\0"', 'a: "\\x07"', 'a: "\\e"', "a: x\x1by"])
def test_nul_and_control_characters_are_refused(text):
    assert problem(text).message.startswith("ký tự điều khiển không được phép")


@pytest.mark.parametrize("text", ["a: !!binary aGVsbG8=", "a: !!python/object/apply:os.system [ls]", "a: !!set {x}"])
def test_only_plain_types_are_read(text):
    assert problem(text).message.startswith("kiểu dữ liệu")


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c",
        "a:\n\t- b",
        'a: "abc',
        "a: [1, 2",
        "a: {x: 1",
        "a: @x",
        "- a\nb: c",
        "a:\n  - b\n c: d",
        'x: "\\q"',
        "a: 1\n---\nb: 2",
        "%YAML 1.1\n%YAML 1.1\n---\na",
        "? [a]\n: b",
        "a: 1 # ok\n  b: 2",
    ],
)
def test_every_syntax_error_is_said_in_vietnamese_with_its_line(text):
    found = problem(text)
    assert found.line >= 1
    assert found.column >= 1


ENGLISH_PROBLEMS = [
    "mapping values are not allowed here",
    "mapping values are not allowed in this context",
    "could not find expected ':'",
    "found character '\\t' that cannot start any token",
    "found character that cannot start any token",
    "found unexpected end of stream",
    "did not find expected key",
    "did not find expected '-' indicator",
    "did not find expected node content",
    "expected <block end>, but found '<scalar>'",
    "found undefined alias 'a'",
    "found unknown escape character 'q'",
    "expected a single document in the stream",
    "control characters are not allowed",
    "something PyYAML adds next year",
]


@pytest.mark.parametrize("english", ENGLISH_PROBLEMS)
def test_pyyamls_english_never_reaches_a_person(english):
    assert_vietnamese(translate(english))


YAMLISH = st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#%@`?,. \n\t0129\\xyzđ\x00")), max_size=60)


@suite_settings(600)
@given(text=YAMLISH)
def test_any_text_loads_or_is_refused_in_vietnamese(text):
    counted()
    try:
        load_yaml(text)
    except YamlInputError as found:
        assert_vietnamese(str(found))
