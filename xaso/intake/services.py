"""Writes: upload a plan's document, read it in the background, correct the draft, confirm it.

Confirming goes through the plans app's `plan_import` — the same path, models and revisions as
the YAML import — inside one transaction with marking the draft confirmed: either the commune has
its plan and the draft says so, or nothing changed and the owner reads why, item by item.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from xaso.intake import draft as d
from xaso.intake.convert import draft_document
from xaso.intake.extract import ExtractError, extract
from xaso.intake.models import DraftStatus, PlanDraft, SourceKind
from xaso.intake.sources import source_check, text_check
from xaso.intake.structure import parse
from xaso.intake.text import prepare
from xaso.intake.units import Match, units_match
from xaso.plans.document import PlanDocumentError
from xaso.plans.services import ImportResult, plan_import
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, communes_owned
from xaso.units.services import unit_create
from xaso.vi.text import fold

logger = logging.getLogger(__name__)

ERR_NO_RIGHT = "Chỉ cán bộ chủ trì chương trình của {commune} mới tải lên, sửa và xác nhận kế hoạch của xã."
ERR_NOT_READY = "Bản nháp chưa đọc xong hoặc đã được xác nhận; không sửa được nữa."
ERR_STALE = (
    "Bản nháp vừa được {who} sửa lúc {when}; thay đổi của bạn chưa được lưu. Hãy tải lại trang để xem bản mới nhất."
)
ERR_NOT_RETRYABLE = "Chỉ đọc lại được văn bản đã không thành công, hoặc đang đọc mà bị treo quá 30 phút."
ERR_UNEXPECTED = "Có lỗi ngoài dự kiến khi đọc văn bản; đã ghi lại để quản trị hệ thống kiểm tra. Hãy thử lại sau."
ERR_UNIT_OUTSIDE = "Đơn vị “{code}” không thuộc xã của kế hoạch."
ERR_UNIT_KIND = "Loại đơn vị “{kind}” không đặt được trực thuộc xã."
ERR_UNIT_NAME = "Tên đơn vị không được để trống."

STALLED_AFTER = dt.timedelta(minutes=30)

STEP_QUEUED = "Đang chờ đến lượt"
STEP_EXTRACT = "Đang lấy chữ từ văn bản"
STEP_OCR = "Đang nhận dạng chữ trên ảnh (có thể mất vài phút)"
STEP_RESTORE = "Đang làm sạch và khôi phục dấu tiếng Việt"
STEP_STRUCTURE = "Đang tìm mục tiêu, nhiệm vụ, đơn vị"
STEP_UNITS = "Đang khớp tên đơn vị với đơn vị của xã"
STEP_DONE = "Đã đọc xong; mời kiểm tra"
STEP_FAILED = "Không thành công"
STEP_CONFIRMED = "Đã xác nhận thành kế hoạch của xã"


class DraftConfirmError(Exception):
    """Confirming was refused; `problems` are Vietnamese, one per thing to fix."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _may_write(*, user: UserLike, commune: OrgUnit) -> bool:
    return communes_owned(user=user).filter(pk=commune.pk).exists()


def _check_right(*, user: UserLike, commune: OrgUnit) -> None:
    if not _may_write(user=user, commune=commune):
        raise PermissionDenied(ERR_NO_RIGHT.format(commune=commune.name))


# -- upload and background reading ----------------------------------------------------------------


@transaction.atomic
def draft_upload(*, commune: OrgUnit, user: UserLike, name: str, data: bytes) -> PlanDraft:
    """Check the file by content, keep it privately and queue its reading."""
    _check_right(user=user, commune=commune)
    kind = source_check(name=name, data=data)
    stem, _, ext = name.rpartition(".")
    filename = f"{slugify(fold(stem))[:80] or 'van-ban'}.{ext.lower()}"
    return _create(commune=commune, user=user, title=name[:255], kind=kind, filename=filename, data=data)


@transaction.atomic
def draft_paste(*, commune: OrgUnit, user: UserLike, text: str, title: str = "") -> PlanDraft:
    _check_right(user=user, commune=commune)
    text = text_check(text)
    title = title.strip() or f"Văn bản dán vào ngày {timezone.localdate():%d/%m/%Y}"
    return _create(
        commune=commune, user=user, title=title[:255], kind=SourceKind.TEXT, filename="van-ban.txt", data=text.encode()
    )


def _create(*, commune: OrgUnit, user: UserLike, title: str, kind: str, filename: str, data: bytes) -> PlanDraft:
    draft = PlanDraft(
        commune=commune,
        title=title,
        source_kind=kind,
        source_size=len(data),
        created_by=user if getattr(user, "is_authenticated", False) else None,
        step=STEP_QUEUED,
    )
    draft.full_clean(exclude=["source"])
    draft.save()
    draft.source.save(filename, ContentFile(data), save=False)
    PlanDraft.objects.filter(pk=draft.pk).update(source=draft.source.name)
    _enqueue_on_commit(draft)
    return draft


def _enqueue_on_commit(draft: PlanDraft) -> None:
    from xaso.intake.tasks import read_plan_draft

    def enqueue() -> None:
        result = read_plan_draft.enqueue(str(draft.pk))
        PlanDraft.objects.filter(pk=draft.pk).update(task_result_id=str(result.id)[:64])

    transaction.on_commit(enqueue)


def draft_retryable(*, draft: PlanDraft) -> bool:
    if draft.status == DraftStatus.FAILED:
        return True
    stalled_before = timezone.now() - STALLED_AFTER
    return draft.status == DraftStatus.RUNNING and draft.started_at is not None and draft.started_at < stalled_before


@transaction.atomic
def draft_retry(*, draft: PlanDraft, user: UserLike) -> PlanDraft:
    draft = PlanDraft.objects.select_for_update().select_related("commune").get(pk=draft.pk)
    _check_right(user=user, commune=draft.commune)
    if not draft_retryable(draft=draft):
        raise ValidationError(ERR_NOT_RETRYABLE)
    draft.status, draft.progress, draft.step, draft.error = DraftStatus.QUEUED, 0, STEP_QUEUED, ""
    draft.started_at = draft.finished_at = None
    draft.save(update_fields=["status", "progress", "step", "error", "started_at", "finished_at"])
    _enqueue_on_commit(draft)
    return draft


def draft_run(*, draft_id: str) -> None:
    """Read a queued draft (called by the task); each step is written as it goes so the owner sees it."""
    claimed = PlanDraft.objects.filter(pk=draft_id, status=DraftStatus.QUEUED).update(
        status=DraftStatus.RUNNING,
        started_at=timezone.now(),
        progress=5,
        step=STEP_EXTRACT,
        attempt=F("attempt") + 1,
    )
    if not claimed:
        return
    draft = PlanDraft.objects.select_related("commune").get(pk=draft_id)
    try:
        _read(draft)
    except ExtractError as exc:
        _fail(draft, str(exc))
    except Exception:
        logger.exception("Reading plan draft %s failed", draft.pk)
        _fail(draft, ERR_UNEXPECTED)


def _read(draft: PlanDraft) -> None:
    with draft.source.open("rb") as file:
        data = file.read()
    if draft.source_kind == SourceKind.IMAGE or draft.source_kind == SourceKind.PDF:
        _progress(draft, 10, STEP_OCR if draft.source_kind == SourceKind.IMAGE else STEP_EXTRACT)
    text, how = extract(draft.source.name.rsplit("/", 1)[-1], data)
    _progress(draft, 40, STEP_RESTORE)
    source = prepare(text)
    _progress(draft, 75, STEP_STRUCTURE)
    parsed = parse(source)
    _progress(draft, 90, STEP_UNITS)
    unit_map = unit_map_refresh(draft=parsed, commune=draft.commune, previous={})
    _mine(draft).update(
        status=DraftStatus.READY,
        progress=100,
        step=STEP_DONE,
        error="",
        extraction=how,
        text_mode=source.mode,
        lines=source.restored,
        restored_words=[[list(word) for word in words] for words in source.restored_words],
        draft=parsed.to_json(),
        unit_map=unit_map,
        finished_at=timezone.now(),
    )


def _mine(draft: PlanDraft) -> QuerySet[PlanDraft]:
    # A retried stalled draft runs again under a new attempt number: a late old run matches nothing.
    return PlanDraft.objects.filter(pk=draft.pk, attempt=draft.attempt, status=DraftStatus.RUNNING)


def _progress(draft: PlanDraft, percent: int, step: str) -> None:
    _mine(draft).update(progress=percent, step=step[:255])


def _fail(draft: PlanDraft, message: str) -> None:
    _mine(draft).update(status=DraftStatus.FAILED, step=STEP_FAILED, error=message, finished_at=timezone.now())


# -- units named in the draft -----------------------------------------------------------------------


def unit_names(draft: d.Draft) -> list[str]:
    """Every unit name the draft's tasks and responsibilities write, in order, once."""
    names: list[str] = []
    for task in draft.tasks:
        for name in (*task.lead, *task.coordinating):
            if name not in names:
                names.append(name)
    for resp in draft.responsibilities:
        if resp.unit_kind == "office" and resp.heading not in names:
            names.append(resp.heading)
    return names


def unit_map_refresh(*, draft: d.Draft, commune: OrgUnit, previous: dict[str, Any]) -> dict[str, Any]:
    """Match the names the owner has not decided yet against the commune's units as they are now."""
    units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk).order_by("path"))
    names = unit_names(draft)
    open_names = [n for n in names if not (previous.get(n) or {}).get("chosen")]
    matches: dict[str, Match] = units_match(open_names, units=units, commune=commune)
    refreshed: dict[str, Any] = {}
    for name in names:
        if name in matches:
            match = matches[name]
            refreshed[name] = {
                "units": list(match.codes),
                "how": match.how,
                "kind": match.proposed_kind,
                "chosen": False,
            }
        else:
            refreshed[name] = previous[name]
    return refreshed


# -- corrections ------------------------------------------------------------------------------------


@transaction.atomic
def draft_change(
    *, draft: PlanDraft, user: UserLike, version: int, change: Callable[[d.Draft, dict[str, Any]], None]
) -> PlanDraft:
    """Apply one correction to the draft (and its unit matches) if nobody changed it meanwhile."""
    locked = PlanDraft.objects.select_for_update().select_related("commune", "updated_by").get(pk=draft.pk)
    _check_right(user=user, commune=locked.commune)
    if locked.status != DraftStatus.READY:
        raise ValidationError(ERR_NOT_READY)
    if locked.version != version:
        who = locked.updated_by.get_full_name() if locked.updated_by else "người khác"
        when = timezone.localtime(locked.updated_at).strftime("%H:%M") if locked.updated_at else ""
        raise ValidationError(ERR_STALE.format(who=who, when=when), code="stale")
    current = d.Draft.from_json(locked.draft)
    unit_map = dict(locked.unit_map)
    change(current, unit_map)
    locked.draft = current.to_json()
    locked.unit_map = unit_map_refresh(draft=current, commune=locked.commune, previous=unit_map)
    locked.version += 1
    locked.updated_by = user
    locked.updated_at = timezone.now()
    locked.save(update_fields=["draft", "unit_map", "version", "updated_by", "updated_at"])
    return locked


def draft_units_choose(*, draft: PlanDraft, user: UserLike, version: int, choices: dict[str, list[str]]) -> PlanDraft:
    """The owner's choice of units for names in the draft (empty = still to decide)."""
    allowed = set(OrgUnit.objects.filter(commune=draft.commune).values_list("code", flat=True))
    for codes in choices.values():
        for code in codes:
            if code not in allowed:
                raise ValidationError(ERR_UNIT_OUTSIDE.format(code=code))

    def change(_: d.Draft, unit_map: dict[str, Any]) -> None:
        for name, codes in choices.items():
            if name in unit_map:
                unit_map[name] = {**unit_map[name], "units": list(codes), "how": "chosen", "chosen": bool(codes)}

    return draft_change(draft=draft, user=user, version=version, change=change)


@transaction.atomic
def draft_unit_create(*, draft: PlanDraft, user: UserLike, version: int, name: str, kind: str) -> OrgUnit:
    """Create, in the commune, a unit the plan names but the commune does not have yet."""
    _check_right(user=user, commune=draft.commune)
    name = " ".join(name.split())
    if not name:
        raise ValidationError(ERR_UNIT_NAME)
    if kind not in (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION):
        raise ValidationError(ERR_UNIT_KIND.format(kind=kind))
    unit = unit_create(
        code=unit_code_for(commune=draft.commune, name=name),
        name=name[:255],
        kind=kind,
        parent=draft.commune,
    )

    def change(_: d.Draft, unit_map: dict[str, Any]) -> None:
        for written, entry in unit_map.items():
            if written == name or fold(written) == fold(name):
                unit_map[written] = {**entry, "units": [unit.code], "how": "chosen", "chosen": True}

    draft_change(draft=draft, user=user, version=version, change=change)
    return unit


def unit_code_for(*, commune: OrgUnit, name: str) -> str:
    """A stable, unique code under the commune's: "<commune code>-<folded name>"."""
    base = f"{commune.code}-{slugify(fold(name))}"[:60].rstrip("-")
    code, n = base, 2
    while OrgUnit.objects.filter(code=code).exists():
        code = f"{base[:57]}-{n}"
        n += 1
    return code


# -- confirming ---------------------------------------------------------------------------------------


def draft_problems(*, draft: PlanDraft) -> list[str]:
    """What still stops the draft from becoming the commune's plan (empty when nothing)."""
    conversion = draft_document(draft=d.Draft.from_json(draft.draft), commune=draft.commune, unit_map=draft.unit_map)
    return conversion.problems


def draft_confirm(*, draft: PlanDraft, user: UserLike, version: int) -> ImportResult:
    """The draft becomes the commune's plan through plan_import, all or nothing."""
    try:
        with transaction.atomic():
            locked = PlanDraft.objects.select_for_update().select_related("commune").get(pk=draft.pk)
            _check_right(user=user, commune=locked.commune)
            if locked.status != DraftStatus.READY:
                raise DraftConfirmError([ERR_NOT_READY])
            if locked.version != version:
                raise DraftConfirmError([ERR_STALE.format(who="người khác", when="")])
            conversion = draft_document(
                draft=d.Draft.from_json(locked.draft), commune=locked.commune, unit_map=locked.unit_map
            )
            if conversion.document is None:
                raise DraftConfirmError(conversion.problems)
            result = plan_import(document=conversion.document, user=user, lines=conversion.lines)
            locked.status = DraftStatus.CONFIRMED
            locked.step = STEP_CONFIRMED
            locked.plan = result.plan
            locked.confirmed_by = user
            locked.confirmed_at = timezone.now()
            locked.full_clean(exclude=["source"])
            locked.save(update_fields=["status", "step", "plan", "confirmed_by", "confirmed_at"])
    except PlanDocumentError as exc:
        raise DraftConfirmError(exc.problems) from exc
    return result
