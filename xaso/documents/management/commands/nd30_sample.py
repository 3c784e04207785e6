"""Render the sample report of the seed plan to files, to look at the Decree 30 layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.text import slugify

from xaso.documents.builders import BuildError
from xaso.documents.pdf import PdfConversionError, docx_to_pdf
from xaso.documents.sample import build_sample_report
from xaso.documents.validation import DocumentError
from xaso.documents.writer import nd30_docx
from xaso.documents.xlsx import xlsx_annex
from xaso.plans.selectors import plan_default, plans_readable
from xaso.vi.text import fold

ERR_NO_PLAN = "Chưa có kế hoạch nào: chạy manage.py load_demo trước."
ERR_NO_USER = "Không có người dùng “{username}”."


class Command(BaseCommand):
    help = (
        "Tạo báo cáo nhanh (dự thảo) theo Nghị định 30/2020 (DOCX, PDF, XLSX) từ kế hoạch và số liệu, ghi ra thư mục."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=str(settings.DATA_DIR / "nd30-mau"), help="Thư mục ghi tệp.")
        parser.add_argument("--plan", help="Số, ký hiệu kế hoạch (mặc định: kế hoạch đang thực hiện).")
        parser.add_argument("--as", dest="username", help="Tạo với phạm vi của người dùng này (mặc định: quản trị).")
        parser.add_argument("--year", type=int, help="Năm báo cáo (mặc định: năm nay).")
        parser.add_argument("--period", help="Kỳ báo cáo, ví dụ “6 tháng đầu năm 2026”.")
        parser.add_argument("--no-pdf", action="store_true", help="Không chuyển sang PDF.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["username"])
        plan = plans_readable(user=user).filter(code=options["plan"]).first() if options["plan"] else plan_default()
        if plan is None:
            raise CommandError(ERR_NO_PLAN)
        params = {"plan_id": plan.pk, "year": options["year"], "period": options["period"]}
        try:
            rendering = build_sample_report(params=params, user=user, progress=lambda _p, _s: None)
            docx_bytes = nd30_docx(rendering.document)
            files = {"docx": docx_bytes, "xlsx": xlsx_annex(sheets=rendering.annex)}
            if not options["no_pdf"]:
                files["pdf"] = docx_to_pdf(docx_bytes)
        except (BuildError, DocumentError, PdfConversionError) as exc:
            raise CommandError(str(exc)) from None
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        name = slugify(fold(rendering.filename)) or "bao-cao"
        for kind, data in files.items():
            path = out / f"{name}.{kind}"
            path.write_bytes(data)
            self.stdout.write(f"Đã ghi {path} ({len(data):,} byte)")

    def _user(self, username: str | None) -> Any:
        users = get_user_model().objects
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(ERR_NO_USER.format(username=username))
            return user
        superuser = users.filter(is_superuser=True).order_by("pk").first()
        if superuser is None:
            raise CommandError(ERR_NO_PLAN)
        return superuser
