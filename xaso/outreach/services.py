"""Writes for schools and enterprises: clubs, club sessions, school events, enterprise sessions,
showcases, and a showcase's draft article on the portal.

Each session, event and showcase is recorded as an activity of its unit through
activities.services.activity_record (source "outreach.<kind>:<pk>"): saving again updates that
activity in place, deleting removes it. Broken rules raise ValidationError with Vietnamese
messages keyed by this app's fields, and nothing is written.

The services do not check who may write: the calling view has decided through outreach.selectors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from xaso.activities.models import ActivityKind, Audience
from xaso.activities.rules import date_problems, programme_years
from xaso.activities.services import activity_record, recorded_delete
from xaso.outreach.models import Club, ClubSession, Delivered, EnterpriseSession, SchoolEvent, Showcase
from xaso.plans.models import Task
from xaso.units.models import OrgUnit, UnitKind

ERR_UNIT_KIND = "“{unit}” không phải là {kinds}."
ERR_NO_COMMUNE = "Đơn vị “{unit}” không thuộc xã nào."
ERR_CLUB_CLOSED = "Câu lạc bộ “{club}” đã ngừng hoạt động; hãy mở lại trước khi ghi buổi sinh hoạt."
ERR_AWARDS_OVER = "Số giải ({awards}) không được nhiều hơn số bài dự thi, ý tưởng, sáng kiến ({entries})."
ERR_ENTERPRISES_OVER = (
    "Số doanh nghiệp, hợp tác xã ({enterprises}) không được nhiều hơn tổng số người tham dự ({participants}): "
    "mỗi đơn vị có ít nhất một người dự."
)
ERR_OFFICIALS_OVER = "Số cán bộ, công chức ({officials}) không được nhiều hơn tổng số người tham dự ({participants})."
ERR_CLUB_EXISTS = "Trường đã có câu lạc bộ “{name}”."
ERR_FOUNDED_FUTURE = "Ngày thành lập chưa tới."
ERR_ENTERPRISE_KIND = "“{unit}” không phải là doanh nghiệp, hợp tác xã."
ERR_ENTERPRISE_OTHER_COMMUNE = "“{unit}” không thuộc xã của đơn vị giới thiệu."

SCHOOL: frozenset[str] = frozenset({UnitKind.SCHOOL})
ENTERPRISE_SIDE: frozenset[str] = frozenset({UnitKind.OFFICE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION})
KIND_WORDS: dict[frozenset[str], str] = {
    SCHOOL: "trường học",
    ENTERPRISE_SIDE: "phòng chuyên môn, doanh nghiệp hoặc tổ chức của xã",
}


def _collect(problems: dict[str, list[str]], more: Mapping[str, str]) -> None:
    for field, message in more.items():
        if message not in problems.get(field, []):
            problems.setdefault(field, []).append(message)


def _raise(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


def _model_problems(instance: Any) -> dict[str, list[str]]:
    # Check constraints are left to the database: each has its own rule below, with a sentence
    # naming the figures, instead of Django's generic "constraint violated".
    try:
        instance.full_clean(exclude=["commune"], validate_unique=True, validate_constraints=False)
    except ValidationError as error:
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {}


def _unit_problems(unit: OrgUnit | None, kinds: frozenset[str], field: str = "unit") -> dict[str, str]:
    if unit is None:
        return {}
    if unit.kind not in kinds:
        return {field: ERR_UNIT_KIND.format(unit=unit, kinds=KIND_WORDS[kinds])}
    if unit.commune_id is None:
        return {field: ERR_NO_COMMUNE.format(unit=unit)}
    return {}


def _unit_then_model(item: Any, unit: OrgUnit | None, kinds: frozenset[str]) -> dict[str, list[str]] | None:
    """A unit of the wrong kind is said plainly (not Django's "not a valid choice") and nothing else;
    a missing one by the model's own "required". None: the unit is right, go on."""
    wrong = _unit_problems(unit, kinds)
    if wrong:
        return {field: [message] for field, message in wrong.items()}
    if unit is None:
        return _model_problems(item)
    return None


def _dates(
    unit: OrgUnit, start: dt.date | None, end: dt.date | None, *, fields: tuple[str, str | None]
) -> dict[str, str]:
    years = programme_years(commune_id=unit.commune_id) if unit.commune_id else None
    problems = date_problems(date_start=start, date_end=end, years=years, today=timezone.localdate())
    names = {"date_start": fields[0], "date_end": fields[1] or fields[0]}
    return {names[key]: message for key, message in problems.items()}


def _as_own_errors(error: ValidationError, field_map: Mapping[str, str]) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    mapped: dict[str, list[str]] = {}
    for field, messages in error.message_dict.items():
        _collect(mapped, {field_map.get(field, NON_FIELD_ERRORS): m for m in messages})
    return ValidationError(mapped)


def _deliver(
    item: Delivered,
    *,
    unit: OrgUnit,
    tasks: Iterable[Task],
    user: Any,
    field_map: Mapping[str, str],
    **activity: Any,
) -> Any:
    """Save `item` (already validated), its tasks, and the activity it is counted as."""
    task_list = list(tasks)
    item.commune_id = unit.commune_id
    if item.pk is None and user is not None and getattr(user, "is_authenticated", False):
        item.created_by = user
    item.save()
    item.tasks.set(task_list)
    try:
        recorded = activity_record(unit=unit, tasks=task_list, source=item.source, user=user, **activity)
    except ValidationError as error:
        raise _as_own_errors(error, {"tasks": "tasks", "unit": "unit", **field_map}) from None
    if item.activity_id != recorded.pk:
        item.activity = recorded
        item.save(update_fields=["activity"])
    return item


@transaction.atomic
def delivered_delete(*, item: Delivered) -> None:
    """Remove a session, event or showcase entered by mistake, with its activity."""
    recorded_delete(item=item)


# -- schools ---------------------------------------------------------------------------------------------
#
# Each `<noun>_problems(item)` lists what is wrong with an unsaved item, by field, in Vietnamese;
# the back-office forms show them next to the fields, and `<noun>_save` refuses the item with them.


def club_problems(club: Club) -> dict[str, list[str]]:
    early = _unit_then_model(club, club.unit if club.unit_id else None, SCHOOL)
    if early is not None:
        return early
    problems = _model_problems(club)
    same_name = Club.objects.filter(unit_id=club.unit_id, name__iexact=club.name).exclude(pk=club.pk)
    if "name" not in problems and same_name.exists():
        _collect(problems, {"name": ERR_CLUB_EXISTS.format(name=club.name)})
    if club.founded_on and club.founded_on > timezone.localdate():
        _collect(problems, {"founded_on": ERR_FOUNDED_FUTURE})
    return problems


@transaction.atomic
def club_save(*, club: Club) -> Club:
    club.name = " ".join(club.name.split())
    _raise(club_problems(club))
    club.commune_id = club.unit.commune_id
    club.save()
    return club


def club_session_problems(session: ClubSession) -> dict[str, list[str]]:
    problems = _model_problems(session)
    club = session.club if session.club_id else None
    if club is not None:
        if not club.is_active and session.pk is None:
            _collect(problems, {"club": ERR_CLUB_CLOSED.format(club=club.name)})
        if "date" not in problems and session.date:
            _collect(problems, _dates(club.unit, session.date, None, fields=("date", None)))
    return problems


@transaction.atomic
def club_session_save(*, session: ClubSession, tasks: Iterable[Task] = (), user: Any = None) -> ClubSession:
    _raise(club_session_problems(session))
    club = session.club
    return _deliver(
        session,
        unit=club.unit,
        tasks=tasks,
        user=user,
        field_map={"date_start": "date", "participants": "pupils", "officials": "teachers", "pupils": "pupils"},
        kind=ActivityKind.CLUB,
        title=f"Sinh hoạt {club.name[:1].lower()}{club.name[1:]}: {session.topic}"[:255],
        date_start=session.date,
        audience=Audience.SCHOOLS,
        participants=session.pupils + session.teachers,
        pupils=session.pupils,
        officials=session.teachers,
        description=session.description,
    )


def school_event_problems(event: SchoolEvent) -> dict[str, list[str]]:
    unit = event.unit if event.unit_id else None
    early = _unit_then_model(event, unit, SCHOOL)
    if early is not None or unit is None:
        return early or {}
    problems = _model_problems(event)
    if "date_start" not in problems and "date_end" not in problems and event.date_start:
        _collect(problems, _dates(unit, event.date_start, event.date_end, fields=("date_start", "date_end")))
    if not {"awards", "entries"} & set(problems) and event.awards > event.entries:
        _collect(problems, {"awards": ERR_AWARDS_OVER.format(awards=event.awards, entries=event.entries)})
    return problems


@transaction.atomic
def school_event_save(*, event: SchoolEvent, tasks: Iterable[Task] = (), user: Any = None) -> SchoolEvent:
    _raise(school_event_problems(event))
    return _deliver(
        event,
        unit=event.unit,
        tasks=tasks,
        user=user,
        field_map={"date_start": "date_start", "date_end": "date_end", "participants": "pupils"},
        kind=ActivityKind.CONTEST,
        title=event.title,
        date_start=event.date_start,
        date_end=event.date_end,
        audience=Audience.SCHOOLS,
        participants=event.pupils + event.teachers + event.guests,
        pupils=event.pupils,
        officials=event.teachers,
        description=event.description,
    )


# -- enterprises -----------------------------------------------------------------------------------------


def enterprise_session_problems(session: EnterpriseSession) -> dict[str, list[str]]:
    unit = session.unit if session.unit_id else None
    early = _unit_then_model(session, unit, ENTERPRISE_SIDE)
    if early is not None or unit is None:
        return early or {}
    problems = _model_problems(session)
    if "date" not in problems and session.date:
        _collect(problems, _dates(unit, session.date, None, fields=("date", None)))
    if not {"participants", "officials", "enterprises"} & set(problems):
        if session.officials > session.participants:
            message = ERR_OFFICIALS_OVER.format(officials=session.officials, participants=session.participants)
            _collect(problems, {"officials": message})
        if session.enterprises > session.participants:
            message = ERR_ENTERPRISES_OVER.format(enterprises=session.enterprises, participants=session.participants)
            _collect(problems, {"enterprises": message})
    return problems


@transaction.atomic
def enterprise_session_save(
    *, session: EnterpriseSession, tasks: Iterable[Task] = (), user: Any = None
) -> EnterpriseSession:
    _raise(enterprise_session_problems(session))
    return _deliver(
        session,
        unit=session.unit,
        tasks=tasks,
        user=user,
        field_map={"date_start": "date", "participants": "participants", "officials": "officials"},
        kind=ActivityKind.ENTERPRISE_SESSION,
        title=session.title,
        date_start=session.date,
        audience=Audience.ENTERPRISES,
        participants=session.participants,
        officials=session.officials,
        description=session.content,
    )


def showcase_problems(showcase: Showcase) -> dict[str, list[str]]:
    unit = showcase.unit if showcase.unit_id else None
    enterprise = showcase.enterprise if showcase.enterprise_id else None
    if enterprise is not None and enterprise.kind != UnitKind.ENTERPRISE:
        return {"enterprise": [ERR_ENTERPRISE_KIND.format(unit=enterprise)]}
    early = _unit_then_model(showcase, unit, ENTERPRISE_SIDE)
    if early is not None or unit is None:
        return early or {}
    problems = _model_problems(showcase)
    if enterprise is not None and enterprise.commune_id != unit.commune_id:
        _collect(problems, {"enterprise": ERR_ENTERPRISE_OTHER_COMMUNE.format(unit=enterprise)})
    if "date" not in problems and showcase.date:
        _collect(problems, _dates(unit, showcase.date, None, fields=("date", None)))
    return problems


@transaction.atomic
def showcase_save(*, showcase: Showcase, tasks: Iterable[Task] = (), user: Any = None) -> Showcase:
    showcase.owner_name = " ".join(showcase.owner_name.split())
    _raise(showcase_problems(showcase))
    return _deliver(
        showcase,
        unit=showcase.unit,
        tasks=tasks,
        user=user,
        field_map={"date_start": "date", "participants": "participants"},
        kind=ActivityKind.SHOWCASE,
        title=f"Giới thiệu {showcase.get_kind_display().lower()}: {showcase.title}"[:255],
        date_start=showcase.date,
        audience=Audience.ENTERPRISES,
        participants=showcase.participants,
        description=showcase.summary,
    )


# -- the portal ------------------------------------------------------------------------------------------

TYPICAL_MODELS_SLUG = "mo-hinh-dien-hinh"
ENTERPRISE_AUDIENCE = "doanh-nghiep"
ERR_NO_TOPIC = (
    "Trang thông tin điện tử của xã chưa có chuyên mục con “Mô hình hay, sáng kiến điển hình” "
    "(đường dẫn …/mo-hinh-dien-hinh/); hãy nhờ biên tập viên tạo chuyên mục này rồi thử lại."
)


def typical_models_topic(*, commune_id: int) -> Any:
    """The commune's "typical models and initiatives" sub-section (portal seed, slug mo-hinh-dien-hinh)."""
    from xaso.portal.models import HomePage, TopicPage

    home = HomePage.objects.filter(commune_id=commune_id).first()
    if home is None:
        return None
    return TopicPage.objects.descendant_of(home).filter(slug=TYPICAL_MODELS_SLUG).first()


def _showcase_body(showcase: Showcase) -> list[dict[str, Any]]:
    paragraphs = [showcase.summary, *[line for line in showcase.details.splitlines() if line.strip()]]
    facts = [f"Chủ mô hình, sáng kiến: {showcase.owner_name}."]
    when = f"Được giới thiệu ngày {showcase.date.strftime('%d/%m/%Y')}"
    facts.append(f"{when}{' qua ' + showcase.channel if showcase.channel else ''}.")
    return [{"type": "paragraph", "value": f"<p>{escape(text.strip())}</p>"} for text in [*paragraphs, *facts]]


def _free_slug(topic: Any, base: str) -> str:
    """Two showcases may share a title: the second article gets "-2", and so on."""
    taken = set(topic.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def showcase_article_draft(*, showcase: Showcase, user: Any) -> Any:
    """A draft article about the showcase in the commune's typical-models sub-section, for an editor
    to complete (pictures, wording) and the leader to approve in the portal's workflow. Asking twice
    gives the same draft."""
    from xaso.portal.models import ArticlePage, Audience
    from xaso.portal.services import article_draft_create, vi_slug

    showcase = Showcase.objects.select_for_update().get(pk=showcase.pk)
    if showcase.article_id is not None:
        existing = ArticlePage.objects.filter(pk=showcase.article_id).first()
        if existing is not None:
            return existing
    topic = typical_models_topic(commune_id=showcase.commune_id)
    if topic is None:
        raise ValidationError(ERR_NO_TOPIC)
    article = article_draft_create(
        slug=_free_slug(topic, vi_slug(showcase.title) or "mo-hinh"),
        topic=topic,
        title=showcase.title,
        intro=showcase.summary[:400],
        body=_showcase_body(showcase),
        unit=showcase.enterprise or showcase.unit,
        user=user,
        audiences=Audience.objects.filter(slug=ENTERPRISE_AUDIENCE),
        author=showcase.unit.name,
    )
    showcase.article = article
    showcase.save(update_fields=["article"])
    return article
