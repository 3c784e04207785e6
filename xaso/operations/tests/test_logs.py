"""Every process logs JSON lines: one object per line, with the fields a collector indexes."""

import json
import logging

from xaso.operations.logs import JsonFormatter


def record(message, *args, exc_info=None, **extra):
    entry = logging.LogRecord("xaso.test", logging.WARNING, __file__, 1, message, args, exc_info)
    for key, value in extra.items():
        setattr(entry, key, value)
    return entry


def test_a_line_is_one_json_object_with_the_message_and_extras():
    line = JsonFormatter().format(record("Gửi %s lượt", 3, step="deliveries", obj=object()))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Gửi 3 lượt"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "xaso.test"
    assert entry["step"] == "deliveries"
    assert entry["obj"].startswith("<object")
    assert entry["time"].endswith("+00:00")


def test_an_exception_keeps_its_type_and_traceback_on_the_same_line():
    try:
        raise KeyError("thiếu")
    except KeyError:
        import sys

        line = JsonFormatter().format(record("Lỗi", exc_info=sys.exc_info()))
    entry = json.loads(line)
    assert entry["exception"] == "KeyError"
    assert "thiếu" in entry["traceback"]
    assert len(line.splitlines()) == 1
