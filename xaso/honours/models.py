"""Commendations (khen thưởng, tôn vinh): proposals from units, reviewed and decided by the commune.

A proposal moves draft → submitted → under review → decided (decision number and date) or
rejected (with a reason); every move is a ProposalEvent with who and when. Decided proposals
whose nominee agreed to publication appear on the portal's honour roll, and each decision is
recorded once as a "commendation" activity (honours.services).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from xaso.access.storage import RandomName, protected_storage
from xaso.activities.evidence import EVIDENCE_HELP, validate_evidence_file
from xaso.units.models import OrgUnit


class ProposalKind(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
    UNDER_REVIEW = "under_review", "Đang thẩm định (Phòng Văn hóa - Xã hội)"
    DECIDED = "decided", "Đã có quyết định khen thưởng"
    REJECTED = "rejected", "Không khen thưởng"


class Proposal(ClusterableModel):
    commune = models.ForeignKey(OrgUnit, verbose_name="xã", on_delete=models.PROTECT, related_name="+", editable=False)
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị đề nghị", on_delete=models.PROTECT, related_name="honour_proposals"
    )
    kind = models.CharField("khen cho", max_length=12, choices=ProposalKind.choices, default=ProposalKind.INDIVIDUAL)
    nominee = models.CharField(
        "cá nhân, tập thể được đề nghị", max_length=200, help_text="Họ và tên, hoặc tên tập thể (ví dụ: Tổ Tin học)."
    )
    nominee_position = models.CharField(
        "chức vụ, nơi công tác", max_length=200, blank=True, help_text="Ví dụ: Giáo viên Tin học, Trường THCS."
    )
    achievement = models.TextField(
        "thành tích",
        help_text="Thành tích cụ thể trong truyền thông khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.",
    )
    public_summary = models.CharField(
        "tóm tắt để vinh danh",
        max_length=300,
        help_text="Một hai câu đăng trên trang vinh danh nếu được khen thưởng; không ghi thông tin riêng tư.",
    )
    public_consent = models.BooleanField(
        "đồng ý công bố",
        default=False,
        help_text="Cá nhân, tập thể được đề nghị đồng ý để tên và tóm tắt thành tích được đăng trên trang thông tin.",
    )
    honour_form = models.CharField(
        "hình thức đề nghị", max_length=200, default="Giấy khen của Chủ tịch Ủy ban nhân dân xã"
    )
    status = models.CharField(
        "trạng thái", max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT, editable=False
    )
    decision_number = models.CharField("số quyết định", max_length=64, blank=True, editable=False)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True, editable=False)
    reject_reason = models.TextField("lý do không khen thưởng", blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ProposalStatus]), name="honours_proposal_status"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in ProposalKind]), name="honours_proposal_kind"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided")
                | (models.Q(decision_date__isnull=False) & ~models.Q(decision_number="")),
                name="honours_decided_has_decision",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(reject_reason=""),
                name="honours_rejected_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["commune", "status"], name="honours_commune_status")]

    def __str__(self) -> str:
        return f"{self.nominee} ({self.unit})"

    def process_link(self) -> str:
        """The back-office listing's link to the page where the proposal is sent, reviewed and decided."""
        from django.urls import reverse
        from django.utils.html import format_html

        return format_html('<a href="{}">{}</a>', reverse("honours_process", args=[self.pk]), "Xem, xử lý")

    process_link.short_description = "Xử lý"  # type: ignore[attr-defined]


class ProposalEvidence(Orderable):
    proposal = ParentalKey(Proposal, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        "tệp minh chứng",
        storage=protected_storage,
        upload_to=RandomName("khen-thuong"),
        max_length=255,
        validators=[validate_evidence_file],
        help_text=EVIDENCE_HELP,
    )
    caption = models.CharField("chú thích", max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = "minh chứng thành tích"
        verbose_name_plural = "minh chứng thành tích"

    def __str__(self) -> str:
        return self.caption or f"Minh chứng {self.pk or ''}".strip()


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField("từ", max_length=16, choices=ProposalStatus.choices)
    to_status = models.CharField("sang", max_length=16, choices=ProposalStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("lúc", auto_now_add=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "bước xử lý đề nghị"
        verbose_name_plural = "bước xử lý đề nghị"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_from_status_display()} → {self.get_to_status_display()}"
