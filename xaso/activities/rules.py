"""The rules an activity obeys, with the Vietnamese messages every writer shows.

Shared by the services (portal, channels, XLSX import) and the back-office form, so
that a person sees the same sentence whichever way the activity arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Max, Min

from xaso.plans.models import Plan, Task
from xaso.registers.models import GuidingDocument, Person, ScienceTask
from xaso.vi.dates import date_numeric

ERR_NO_COMMUNE = "Đơn vị “{unit}” không thuộc xã nào nên không ghi nhận hoạt động được."
ERR_SUBCOUNTS = (
    "Số cán bộ, học sinh, người dân cộng lại ({total}) không được lớn hơn số người tham dự ({participants})."
)
ERR_DATE_ORDER = "Ngày kết thúc không được trước ngày thực hiện."
ERR_DATE_OUTSIDE = "Ngày {date} nằm ngoài thời gian của chương trình (năm {start}–{end})."
ERR_DATE_FUTURE = "Ngày {date} chưa tới: chỉ ghi nhận hoạt động đã diễn ra."
ERR_TASK_OTHER_COMMUNE = "Nhiệm vụ {code} thuộc kế hoạch của xã khác."
ERR_PERSON_OTHER_COMMUNE = "{name} không thuộc xã của đơn vị thực hiện."
ERR_ATTENDEES_OVER = (
    "Đã đánh dấu {count} người trong danh sách cán bộ tham dự, nhiều hơn số cán bộ, công chức, viên chức, "
    "người lao động đã nhập ({officials})."
)
ERR_SUPPORT_NOT_VILLAGE = (
    "Hoạt động hỗ trợ của tổ công nghệ số cộng đồng chỉ ghi cho thôn; đơn vị “{unit}” hãy chọn loại hoạt động khác."
)
ERR_DOCUMENT_OTHER_COMMUNE = "Văn bản {code} không thuộc danh mục của xã này."
ERR_SCIENCE_TASK_OTHER_COMMUNE = "Nhiệm vụ KH&CN {code} không thuộc danh mục của xã này."


def programme_years(*, commune_id: int) -> tuple[int, int] | None:
    """First and last year of the commune's active programme(s), or None when it has none yet."""
    years = Plan.objects.filter(commune_id=commune_id, is_active=True).aggregate(
        start=Min("start_year"), end=Max("end_year")
    )
    if years["start"] is None:
        return None
    return int(years["start"]), int(years["end"])


def count_problems(*, participants: int, officials: int, pupils: int, residents: int) -> dict[str, str]:
    total = officials + pupils + residents
    if min(participants, officials, pupils, residents) >= 0 and total > participants:
        return {"participants": ERR_SUBCOUNTS.format(total=total, participants=participants)}
    return {}


def kind_problems(*, kind: str, unit: str, unit_kind: str) -> dict[str, str]:
    """The village teams' support is counted village by village (villages.selectors): only a village
    records it, so that the commune's count and the sum of its villages are one number."""
    if kind == "digital_support" and unit_kind != "village":
        return {"kind": ERR_SUPPORT_NOT_VILLAGE.format(unit=unit)}
    return {}


def date_problems(
    *, date_start: date | None, date_end: date | None, years: tuple[int, int] | None, today: date
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if date_start is None:
        return problems
    if date_end is not None and date_end < date_start:
        problems["date_end"] = ERR_DATE_ORDER
    if date_start > today:
        problems["date_start"] = ERR_DATE_FUTURE.format(date=date_numeric(date_start))
    if years is not None:
        start, end = years
        for field, value in (("date_start", date_start), ("date_end", date_end)):
            if value is not None and not start <= value.year <= end and field not in problems:
                problems[field] = ERR_DATE_OUTSIDE.format(date=date_numeric(value), start=start, end=end)
    return problems


def relation_problems(
    *,
    commune_id: int,
    tasks: Iterable[Task],
    attendees: Iterable[Person],
    guiding_documents: Iterable[GuidingDocument],
    science_tasks: Iterable[ScienceTask],
    officials: int,
) -> dict[str, str]:
    """Everything an activity points at must belong to the commune of its unit."""
    problems: dict[str, str] = {}
    task_list = list(tasks)
    plan_communes = dict(Plan.objects.filter(pk__in={t.plan_id for t in task_list}).values_list("pk", "commune_id"))
    for task in task_list:
        if plan_communes.get(task.plan_id) != commune_id:
            problems["tasks"] = ERR_TASK_OTHER_COMMUNE.format(code=task.code)
            break
    people = list(attendees)
    for person in people:
        if person.commune_id != commune_id:
            problems["attendees"] = ERR_PERSON_OTHER_COMMUNE.format(name=person.full_name)
            break
    else:
        if len(people) > officials:
            problems["attendees"] = ERR_ATTENDEES_OVER.format(count=len(people), officials=officials)
    for document in guiding_documents:
        if document.commune_id != commune_id:
            problems["guiding_documents"] = ERR_DOCUMENT_OTHER_COMMUNE.format(code=document.code)
            break
    for science_task in science_tasks:
        if science_task.commune_id != commune_id:
            problems["science_tasks"] = ERR_SCIENCE_TASK_OTHER_COMMUNE.format(code=science_task.code)
            break
    return problems
