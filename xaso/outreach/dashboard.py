"""Schools and enterprises on the programme dashboard (hook `programme_dashboard_panels`): the commune's
figures for the period, or those of the school or enterprise-side unit shown, with their tables (one row
per unit) for the dashboard's XLSX and CSV downloads."""

from __future__ import annotations

from typing import Any

from xaso.indicators.exports import Table
from xaso.outreach.selectors import ENTERPRISE_SIDE_KINDS, OutreachFigures, outreach_by_unit, outreach_total
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike

SCHOOLS, ENTERPRISES = "truong-hoc", "doanh-nghiep"


def _school_table(rows: list[tuple[OrgUnit, OutreachFigures]]) -> Table:
    return Table(
        SCHOOLS,
        "Trường học",
        [
            "Mã đơn vị",
            "Trường",
            "Câu lạc bộ",
            "Học sinh tham gia câu lạc bộ",
            "Buổi sinh hoạt",
            "Lượt học sinh sinh hoạt",
            "Cuộc thi",
            "Diễn đàn, tọa đàm",
            "Hội nghị chia sẻ ý tưởng",
            "Lượt học sinh tham gia sự kiện",
            "Bài dự thi, ý tưởng",
            "Giải, sáng kiến được khen",
        ],
        [
            [
                unit.code,
                unit.name,
                f.clubs,
                f.club_members,
                f.club_sessions,
                f.club_pupils,
                f.contests,
                f.forums,
                f.idea_events,
                f.event_pupils,
                f.entries,
                f.awards,
            ]
            for unit, f in rows
            if f.clubs or f.club_sessions or f.school_events
        ],
    )


def _enterprise_table(rows: list[tuple[OrgUnit, OutreachFigures]]) -> Table:
    return Table(
        ENTERPRISES,
        "Doanh nghiệp",
        [
            "Mã đơn vị",
            "Đơn vị",
            "Buổi phổ biến cho doanh nghiệp",
            "Lượt doanh nghiệp, hợp tác xã",
            "Lượt người tham dự",
            "Mô hình, sáng kiến được giới thiệu",
            "Đã đăng trên trang thông tin điện tử",
        ],
        [
            [
                unit.code,
                unit.name,
                f.enterprise_sessions,
                f.enterprises_reached,
                f.enterprise_participants,
                f.showcases,
                f.showcases_on_portal,
            ]
            for unit, f in rows
            if f.enterprise_sessions or f.showcases
        ],
    )


def outreach_panel(*, user: UserLike, dashboard: Any) -> dict[str, Any] | None:
    """The commune's schools and enterprises; on a unit's dashboard, a school's clubs and events or an
    enterprise-side unit's sessions and showcases (nothing for other units)."""
    unit = None if dashboard.is_commune else dashboard.unit
    schools = unit is None or unit.kind == UnitKind.SCHOOL
    enterprises = unit is None or unit.kind in ENTERPRISE_SIDE_KINDS
    if not schools and not enterprises:
        return None
    period = dashboard.period
    by_unit = outreach_by_unit(user=user, commune=dashboard.commune, start=period.start, end=period.end, unit=unit)
    units = OrgUnit.objects.filter(pk__in=list(by_unit)).order_by("path")
    rows = [(u, by_unit[u.pk]) for u in units]
    tables = [
        *([_school_table(rows)] if schools else []),
        *([_enterprise_table(rows)] if enterprises else []),
    ]
    return {
        "template": "outreach/admin/dashboard_panel.html",
        "figures": outreach_total(by_unit.values()),
        "period": period,
        "unit": unit,
        "schools": schools,
        "enterprises": enterprises,
        "tables": tables,
    }
