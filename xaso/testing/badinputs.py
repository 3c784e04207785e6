"""Tools of the bad-input suites (hypothesis): hostile values, a counter, and the two checks every
refusal passes — the message is Vietnamese, and nothing was written.

Each generated input calls `counted()`; the session prints the total at the end ("bad inputs
generated: N"), which is the figure issue 11 asks for (≥ 2,000). Suites share `SETTINGS`: no
deadline (a slow CI machine must not fail a test), derandomised (the same inputs on every run, on
SQLite and PostgreSQL alike), and the function-scoped-fixture health check suppressed on purpose:
every example of one test runs inside that test's database transaction and shares its client.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_count = 0


def counted(n: int = 1) -> None:
    global _count
    _count += n


def total() -> int:
    return _count


def suite_settings(examples: int) -> Any:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- hostile values --------------------------------------------------------------------------

# What a crawler, a script or a copy-paste sends instead of a number or a word.
NASTY = [
    "",
    " ",
    "²",
    "①",
    "٣",
    "１２",
    "-1",
    "0",
    "+1",
    "1.5",
    "1e3",
    "0x10",
    "9" * 30,
    str(2**63),
    str(2**64),
    "1" * 5000,
    "\x00",
    "1\x00",
    "abc",
    "null",
    "None",
    "true",
    "[]",
    "{}",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../etc/passwd",
    "%00",
    "=1+1",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "ﬀ",
    "Hà Nội",
    "\u202e",
    "a" * 3000,
]

nasty_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=("Nd", "No", "Nl")), min_size=1, max_size=6),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.from_regex(r"[0-9]{19,40}", fullmatch=True),
)


# -- checks ------------------------------------------------------------------------------------

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.IGNORECASE)
# Fragments of English messages that must never reach a person: Django's form errors, PyYAML's and
# openpyxl's exceptions, Python's own.
ENGLISH = re.compile(
    r"\b(This field|Enter a|Ensure this|Select a valid|is required|is not a valid|invalid literal|expected|"
    r"found character|while (parsing|scanning)|could not|mapping values|Traceback|Exception|Error:|"
    r"not allowed|too large|Upload a valid|The submitted)\b",
)


def assert_vietnamese(messages: Iterable[str] | str) -> None:
    items = [messages] if isinstance(messages, str) else list(messages)
    assert items, "no message was shown"
    for message in items:
        text = str(message)
        assert VIETNAMESE.search(text), f"not Vietnamese: {text!r}"
        english = ENGLISH.search(text)
        assert english is None, f"English in {text!r}: {english.group(0)!r}"


def fingerprint(*models: Any) -> str:
    """Row counts and a digest of every row of the tables: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    for model in models:
        rows = list(model._default_manager.order_by("pk").values_list())
        digest.update(f"{model._meta.label}:{len(rows)}:".encode())
        digest.update(repr(rows).encode())
    return digest.hexdigest()
