"""Named builders that turn stored parameters into a document, run by the background task.

An app that produces documents (reporting, reviews) registers a builder in its
AppConfig.ready():

    register_builder("reporting.consolidated_report", build_consolidated_report)

and asks for a rendering with services.render_job_request(builder="reporting.consolidated_report",
params={"period_id": 7}, ...). The builder runs in the worker, reads what it needs through the
requester's scope selectors, may report progress, and returns a Rendering. Only registered names
run: a job row can never name arbitrary code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from xaso.documents.model import Document
from xaso.documents.xlsx import Sheet

ERR_UNKNOWN_BUILDER = "Không có loại văn bản “{name}”."


class BuildError(ValueError):
    """The builder cannot make the document from what it found; the message is for the user."""


@dataclass(frozen=True, kw_only=True)
class Rendering:
    document: Document
    filename: str  # without extension: "bao-cao-6-thang-dau-nam-2026"
    annex: tuple[Sheet, ...] = ()  # XLSX sheets; none means no annex


Progress = Callable[[int, str], None]


class Builder(Protocol):
    def __call__(self, *, params: dict[str, Any], user: Any, progress: Progress) -> Rendering: ...


_builders: dict[str, Builder] = {}


def register_builder(name: str, builder: Builder) -> None:
    _builders[name] = builder


def builder_for(name: str) -> Builder:
    try:
        return _builders[name]
    except KeyError:
        raise BuildError(ERR_UNKNOWN_BUILDER.format(name=name)) from None


def builder_exists(name: str) -> bool:
    return name in _builders
