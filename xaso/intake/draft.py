"""The draft plan found in a document: every item keeps the source lines it came from and the
reasons it may be wrong, so that the person checking it sees both side by side.

Plain dataclasses that travel as JSON (PlanIntake.draft); `Draft.from_json(d.to_json())` == d.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Why an item deserves a second look; shown next to it in the back office.
FLAG_LABELS = {
    "restored": "có từ được khôi phục dấu",
    "doubtful_words": "có từ khôi phục chưa chắc chắn",
    "value_inferred": "giá trị suy ra, văn bản không ghi số",
    "year_guessed": "năm suy ra, văn bản không ghi rõ",
    "range": "văn bản ghi một khoảng giá trị",
    "tiers": "văn bản ghi nhiều mức theo cấp",
    "units_inferred": "đơn vị suy ra từ phần Tổ chức thực hiện",
    "unknown_unit": "có đơn vị chưa có trong danh sách đơn vị của xã",
    "no_unit": "chưa có đơn vị chủ trì",
    "no_indicator": "chưa xác định được chỉ số đo",
    "number_missing": "văn bản chưa ghi số",
    "inferred": "suy ra, văn bản không ghi rõ",
    "edited": "đã được kiểm tra, sửa tay",
}


@dataclass
class Item:
    text: str
    lines: list[int] = field(default_factory=list)  # [first, last], 1-based lines of the source text
    flags: list[str] = field(default_factory=list)


@dataclass
class Milestone:
    year: int
    comparison: str  # at_least, at_most, equal, done
    value: float | None = None
    unit: str = ""


@dataclass
class Target(Item):
    period: str = ""  # "2025" or "2028-2030"
    milestones: list[Milestone] = field(default_factory=list)
    indicator: str = ""
    tiers: list[str] = field(default_factory=list)  # "trên 90% cấp tỉnh", "80% cấp xã"


@dataclass
class Task(Item):
    lead: list[str] = field(default_factory=list)  # unit names as written
    coordinating: list[str] = field(default_factory=list)
    output: str = ""
    deadline: str = ""
    recurrence: str = "continuous"


@dataclass
class TaskGroup(Item):
    key: str = ""
    tasks: list[Task] = field(default_factory=list)


@dataclass
class LegalBasis(Item):
    code: str = ""
    kind: str = ""
    issued_on: str = ""  # ISO date
    issuer: str = ""
    summary: str = ""
    alias: str = ""


@dataclass
class Responsibility(Item):
    heading: str = ""
    unit_kind: str = "office"
    items: list[str] = field(default_factory=list)


@dataclass
class Deadline:
    day: int
    month: int
    label: str


@dataclass
class Identity:
    code: str = ""
    document_type: str = "KẾ HOẠCH"
    issuer: str = ""
    issuer_header: list[str] = field(default_factory=list)
    place: str = ""
    issued_on: str = ""
    title: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    lines: dict[str, list[int]] = field(default_factory=dict)
    flags: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Draft:
    identity: Identity = field(default_factory=Identity)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    preamble: list[Item] = field(default_factory=list)
    purposes: list[Item] = field(default_factory=list)
    objectives_heading: str = "MỤC TIÊU"
    general_objective: Item | None = None
    targets: list[Target] = field(default_factory=list)
    task_groups: list[TaskGroup] = field(default_factory=list)
    funding: Item | None = None
    funding_sources: list[Item] = field(default_factory=list)  # text = kind, flags as usual
    responsibilities: list[Responsibility] = field(default_factory=list)
    reporting: Item | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    reporting_ad_hoc: bool = False
    recipients: list[Item] = field(default_factory=list)
    closing: str = ""
    start_year: int = 0
    end_year: int = 0
    ignored: list[Item] = field(default_factory=list)  # retrospective parts, kept for the record

    @property
    def tasks(self) -> list[Task]:
        return [task for group in self.task_groups for task in group.tasks]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        def item(d: dict[str, Any] | None) -> Item | None:
            return Item(**d) if d else None

        return cls(
            identity=Identity(**data["identity"]),
            legal_bases=[LegalBasis(**b) for b in data["legal_bases"]],
            preamble=[Item(**p) for p in data["preamble"]],
            purposes=[Item(**p) for p in data["purposes"]],
            objectives_heading=data["objectives_heading"],
            general_objective=item(data["general_objective"]),
            targets=[Target(**{**t, "milestones": [Milestone(**m) for m in t["milestones"]]}) for t in data["targets"]],
            task_groups=[TaskGroup(**{**g, "tasks": [Task(**k) for k in g["tasks"]]}) for g in data["task_groups"]],
            funding=item(data["funding"]),
            funding_sources=[Item(**s) for s in data["funding_sources"]],
            responsibilities=[Responsibility(**r) for r in data["responsibilities"]],
            reporting=item(data["reporting"]),
            deadlines=[Deadline(**d) for d in data["deadlines"]],
            reporting_ad_hoc=data["reporting_ad_hoc"],
            recipients=[Item(**r) for r in data["recipients"]],
            closing=data["closing"],
            start_year=data["start_year"],
            end_year=data["end_year"],
            ignored=[Item(**i) for i in data["ignored"]],
        )
