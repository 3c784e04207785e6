"""Sending the commune's consolidated report to the Department of Science and Technology.

The commune chooses which rendered version it sends (the one its leader signed); the period then
records when, by whom and which document, the reminders stop, and the province's officers are told
and can download exactly that document. Sending a corrected version later replaces the record and
tells the province again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from xaso.documents.models import RenderJob, RenderStatus
from xaso.indicators.templatetags.indicators import trong_cau
from xaso.reporting.consolidated import BUILDER
from xaso.reporting.models import ReportingPeriod
from xaso.reporting.notices import province_officers_of, send_notices
from xaso.reporting.selectors import may_review_commune
from xaso.vi.dates import date_numeric

ERR_NOT_SENDER = "Chỉ Phòng Văn hóa - Xã hội hoặc lãnh đạo xã mới gửi được báo cáo tổng hợp lên Sở."
ERR_OTHER_PERIOD = "Văn bản này không phải báo cáo tổng hợp của kỳ “{title}”."
ERR_NOT_READY = "Báo cáo tổng hợp này chưa tạo xong (hoặc tạo không thành công) nên chưa gửi được."
ERR_ALREADY_SENT = "Bản báo cáo tổng hợp này đã được gửi Sở lúc {time}."
ERR_DRAFT = "Bản này còn là dự thảo (còn phần Phòng chưa viết) nên chưa gửi Sở được."

SENT = "{commune} đã gửi “{title}”"
SENT_BODY = "{who} đã gửi báo cáo tổng hợp “{title}” của {commune} lên Sở lúc {time}.{replaces}"
SENT_REPLACES = " Bản này thay cho bản đã gửi lúc {time}."


def _time(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {date_numeric(local.date())}"


@transaction.atomic
def period_send(
    *, period: ReportingPeriod, job: RenderJob, user: Any, now: dt.datetime | None = None
) -> ReportingPeriod:
    """Record that `job` — a finished consolidated report of `period` — was sent to the Department."""
    if not may_review_commune(user=user, commune_id=period.commune_id):
        raise PermissionDenied(ERR_NOT_SENDER)
    period = ReportingPeriod.objects.select_for_update().select_related("commune").get(pk=period.pk)
    if job.builder != BUILDER or str(job.params.get("period_id")) != str(period.pk):
        raise ValidationError(ERR_OTHER_PERIOD.format(title=period.title))
    if job.status != RenderStatus.DONE or not job.docx:
        raise ValidationError(ERR_NOT_READY)
    if job.is_draft:
        raise ValidationError(ERR_DRAFT)
    if period.sent_job_id == job.pk and period.sent_at:
        raise ValidationError(ERR_ALREADY_SENT.format(time=_time(period.sent_at)))
    replaced = period.sent_at
    period.sent_at, period.sent_by, period.sent_job = now or timezone.now(), user, job
    period.full_clean()
    period.save(update_fields=["sent_at", "sent_by", "sent_job"])
    names = {"commune": period.commune.name, "title": period.title}
    body = SENT_BODY.format(
        who=user.get_full_name() or user.get_username(),
        time=_time(period.sent_at),
        replaces=SENT_REPLACES.format(time=_time(replaced)) if replaced else "",
        title=period.title,
        commune=trong_cau(period.commune),
    )
    send_notices(
        province_officers_of(period.commune),
        key=f"reporting.period:{period.pk}:sent:{job.pk}",
        subject=SENT.format(**names),
        body=body,
        url=reverse("reporting_province"),
        email=True,
    )
    return period
