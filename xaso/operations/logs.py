"""One log format for every process: a JSON object per line.

Fields a log collector indexes: time (ISO 8601, UTC), level, logger, message, the process and,
when present, the exception's type and traceback. Extra attributes given with `extra=` are kept
if JSON can carry them. Secrets never enter messages (tokens travel in headers and bodies)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import Any

# Attributes every LogRecord has; anything else came through `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": os.getpid(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = self.formatException(record.exc_info)
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value if _jsonable(value) else repr(value)
        return json.dumps(entry, ensure_ascii=False)


def _jsonable(value: Any) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
