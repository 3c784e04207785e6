"""Importing a hostile plan file: every bad file is refused with Vietnamese messages naming its line,
and the plan and its history stay exactly as they were (the crawl's files, then generated ones)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import Revision

from xaso.plans.demo import SEED_PLAN
from xaso.plans.document import PlanDocumentError, parse_plan_yaml
from xaso.plans.models import LegalBasis, Milestone, Plan, Target, Task, TaskGroup, TaskUnit
from xaso.testing.badinputs import assert_vietnamese, counted, fingerprint, suite_settings

pytestmark = pytest.mark.django_db

SCREEN = "plans_import_export"
TABLES = (Plan, LegalBasis, Target, Milestone, TaskGroup, Task, TaskUnit, Revision)
SEED = SEED_PLAN.read_text(encoding="utf-8")
LINES = SEED.splitlines()


def upload(data: str | bytes) -> SimpleUploadedFile:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return SimpleUploadedFile("ke-hoach.yaml", raw, content_type="application/yaml")


def refused(client, data) -> list[str]:
    before = fingerprint(*TABLES)
    response = client.post(reverse(SCREEN), {"file": upload(data)})
    assert response.status_code == 400, response.status_code
    assert "Tệp bị từ chối, kế hoạch không thay đổi." in response.text
    problems = response.context["problems"]
    assert_vietnamese(problems)
    assert fingerprint(*TABLES) == before
    return problems


def replace_once(old: str, new: str) -> str:
    assert old in SEED
    return SEED.replace(old, new, 1)


def milestone_value_line() -> str:
    return next(line for line in LINES if line.strip().startswith("value:"))


CRAWL = {
    "deep nesting": SEED + "\nextra: " + "[" * 5000 + "]" * 5000 + "\n",
    "30 February": replace_once('issued_on: "2025-08-23"', "issued_on: 2025-02-30"),
    "30 February, quoted": replace_once('issued_on: "2025-08-23"', 'issued_on: "2025-02-30"'),
    "5,000-digit integer": replace_once("start_year: 2025", "start_year: " + "9" * 5000),
    "negative milestone": replace_once(milestone_value_line(), milestone_value_line().split(":")[0] + ": -5"),
    "10^30 milestone": replace_once(
        milestone_value_line(), milestone_value_line().split(":")[0] + ": " + "1" + "0" * 30
    ),
    "duplicate key": replace_once("  start_year: 2025\n", "  start_year: 2025\n  start_year: 2026\n"),
    "NUL byte": replace_once('  place: "Xã Hoàng Văn Thụ"', '  place: "Xã Hoàng\x00 Văn Thụ"'),
    "escaped NUL": replace_once('  place: "Xã Hoàng Văn Thụ"', '  place: "Xã Hoàng\\0 Văn Thụ"'),
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
    "python object": "format: !!python/object/apply:os.system [ls]\n",
    "tab indentation": replace_once("  start_year: 2025", "\tstart_year: 2025"),
    "unclosed quote": replace_once('  place: "Xã Hoàng Văn Thụ"', '  place: "Xã Hoàng Văn Thụ'),
    "a code longer than the database column": replace_once('code: "33/KH-UBND"', 'code: "' + "3" * 65 + '"'),
}


@pytest.mark.parametrize("name", list(CRAWL))
def test_the_crawls_bad_plan_files_are_refused_and_change_nothing(demo, client_for, name):
    problems = refused(client_for(demo.lan), CRAWL[name])
    assert all(problem.startswith("Dòng ") or problem.startswith("Tệp") for problem in problems)


def test_the_30th_of_february_names_its_line():
    with pytest.raises(PlanDocumentError) as excinfo:
        parse_plan_yaml(CRAWL["30 February"])
    line = next(n for n, text in enumerate(CRAWL["30 February"].splitlines(), start=1) if "2025-02-30" in text)
    assert excinfo.value.problems == [f"Dòng {line}, cột 14: ngày “2025-02-30” không tồn tại."]


def test_a_milestone_beyond_the_database_column_is_refused_at_its_field():
    with pytest.raises(PlanDocumentError) as excinfo:
        parse_plan_yaml(replace_once(milestone_value_line(), milestone_value_line().split(":")[0] + ": 1000000000000"))
    [problem] = excinfo.value.problems
    assert problem.endswith("milestones[1].value: giá trị quá lớn (tối đa 9999999999.99).")


def test_a_negative_milestone_is_refused_at_its_field():
    with pytest.raises(PlanDocumentError) as excinfo:
        parse_plan_yaml(CRAWL["negative milestone"])
    [problem] = excinfo.value.problems
    assert problem.endswith("milestones[1].value: giá trị quá nhỏ (tối thiểu 0).")


# -- generated files ----------------------------------------------------------------------------

NASTY_VALUES = [
    "-1",
    "-0.5",
    "1e30",
    "1" + "0" * 30,
    "9" * 400,
    "0.001",
    ".inf",
    ".nan",
    "2025-02-30",
    '"2025-02-30"',
    "0000-01-01",
    '"\\0"',
    '"\\x07"',
    "[",
    "{",
    "]",
    "[]",
    "{}",
    "null",
    "~",
    "true",
    "&a x",
    "*a",
    "!!binary aGk=",
    "!!set {a}",
    "a: b",
    "'",
    '"',
    "|",
    ">",
    "@x",
    "`x`",
    "%x",
    '"' + "x" * 300 + '"',
    '"=HYPERLINK(""http://evil.example"")"',
    '"ﬀ\u202e"',
]

key_lines = [index for index, line in enumerate(LINES) if ":" in line and not line.strip().startswith("#")]


@st.composite
def mutated_plans(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        index = draw(st.sampled_from(key_lines))
        line = lines[index]
        action = draw(st.sampled_from(["value", "duplicate", "indent", "cut", "garbage"]))
        if action == "value":
            key = line.split(":", 1)[0]
            lines[index] = f"{key}: {draw(st.sampled_from(NASTY_VALUES))}"
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = draw(st.sampled_from(["", " ", "   ", "\t"])) + line.lstrip()
        elif action == "cut":
            lines[index] = line[: draw(st.integers(min_value=0, max_value=len(line)))]
        else:
            lines[index] = draw(st.text(max_size=30))
    return "\n".join(lines) + "\n"


@suite_settings(300)
@given(text=mutated_plans())
def test_a_mutated_plan_file_parses_or_is_refused_in_vietnamese(text):
    counted()
    try:
        parse_plan_yaml(text)
    except PlanDocumentError as exc:
        assert_vietnamese(exc.problems)


@suite_settings(80)
@given(text=mutated_plans())
def test_a_mutated_plan_file_imports_whole_or_changes_nothing(demo, client_for, text):
    counted()
    client = client_for(demo.lan)
    before = fingerprint(*TABLES)
    response = client.post(reverse(SCREEN), {"file": upload(text)})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert_vietnamese(response.context["problems"])
        assert fingerprint(*TABLES) == before
