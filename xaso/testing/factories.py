"""Factories for tests: units are created through units.services so the tree stays valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.contrib.auth import get_user_model

from xaso.documents.model import (
    Column,
    Document,
    DocumentHeader,
    Issuer,
    Paragraph,
    Recipients,
    Section,
    SignatureBlock,
    Table,
)
from xaso.units.models import Membership, OrgUnit, UnitKind
from xaso.units.services import membership_grant, unit_create


class UserFactory(factory.django.DjangoModelFactory[Any]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    first_name = "Lan"
    last_name = "Nguyễn Thị"
    email = factory.LazyAttribute(lambda o: f"{o.username}@xaso.local")
    password = factory.django.Password("mat-khau-thu")


class OrgUnitFactory(factory.Factory[OrgUnit]):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"dv-{n}")
    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    kind = UnitKind.OFFICE
    parent: Any = None

    @classmethod
    def _create(cls, model_class: type[OrgUnit], *args: Any, **kwargs: Any) -> OrgUnit:
        return unit_create(**kwargs)

    @classmethod
    def _build(cls, model_class: type[OrgUnit], *args: Any, **kwargs: Any) -> OrgUnit:
        kwargs.pop("parent", None)
        return model_class(**kwargs)


def province(code: str = "tinh", name: str = "Tỉnh Thử") -> OrgUnit:
    return OrgUnitFactory.create(code=code, name=name, kind=UnitKind.PROVINCE)


def commune(parent: OrgUnit, code: str = "xa", name: str = "Xã Thử") -> OrgUnit:
    return OrgUnitFactory.create(code=code, name=name, kind=UnitKind.COMMUNE, parent=parent)


def grant(user: Any, unit: OrgUnit, role: str) -> Membership:
    return membership_grant(user=user, unit=unit, role=role)


def small_plan(commune: OrgUnit, *, code: str = "01/KH-UBND", start_year: int = 2025, end_year: int = 2030) -> Any:
    """A minimal active plan with one task per group, for a commune other than the seed's."""
    import datetime as dt

    from xaso.plans.models import Plan, Task, TaskGroup, TaskGroupKey

    plan = Plan.objects.create(
        commune=commune,
        code=code,
        issuer=f"UBND {commune.name}",
        issuer_header=f"ỦY BAN NHÂN DÂN\n{commune.name.upper()}",
        place=commune.name.removeprefix("Xã "),
        issued_on=dt.date(start_year, 9, 1),
        title="Kế hoạch truyền thông thực hiện Nghị quyết số 57-NQ/TW",
        start_year=start_year,
        end_year=end_year,
        general_objective="Nâng cao nhận thức.",
        funding_text="Ngân sách xã.",
        reporting_text="Báo cáo 6 tháng, năm.",
    )
    for number, key in enumerate(TaskGroupKey, start=1):
        group = TaskGroup.objects.create(plan=plan, number=number, key=key, title=key.label)
        Task.objects.create(plan=plan, group=group, code=f"NV-{number}.1", text=f"Nhiệm vụ {key.label.lower()}")
    return plan


def activity(unit: OrgUnit, **fields: Any) -> Any:
    """An activity recorded through activities.services, with plausible defaults."""
    import datetime as dt

    from xaso.activities.services import activity_record

    defaults: dict[str, Any] = {
        "kind": "conference",
        "title": "Hội nghị phổ biến Nghị quyết số 57-NQ/TW",
        "date_start": dt.date(2026, 3, 10),
        "audience": "officials",
        "participants": 40,
        "officials": 40,
    }
    defaults.update(fields)
    return activity_record(unit=unit, **defaults)


def article(
    topic: Any,
    user: Any,
    *,
    title: str = "Chuyển đổi số ở thôn Nà Pàn",
    text: str = "Tổ công nghệ số cộng đồng hướng dẫn bà con dùng dịch vụ công trực tuyến.",
    publish_as: Any = None,
    **fields: Any,
) -> Any:
    """An article drafted by `user` under `topic` (a portal TopicPage); published by `publish_as` if given."""
    from xaso.portal.services import article_draft_create, page_publish
    from xaso.units.models import OrgUnit

    fields.setdefault("unit", OrgUnit.objects.get(code="ls-hvt-vhxh"))
    fields.setdefault("intro", f"Tóm tắt: {title}.")
    page = article_draft_create(
        topic=topic, title=title, body=[{"type": "paragraph", "value": f"<p>{text}</p>"}], user=user, **fields
    )
    if publish_as is not None:
        page_publish(page=page, user=publish_as)
        page.refresh_from_db()
    return page


# -- documents (Decree 30/2020) ----------------------------------------------------------------


def nd30_header(**changes: Any) -> DocumentHeader:
    """The header of the commune's report to the Department, dated 05/01/2026 (both padded)."""
    fields: dict[str, Any] = {
        "issuer": Issuer(name_lines=("Ủy ban nhân dân", "Xã Hoàng Văn Thụ")),
        "number": 5,
        "symbol": "BC-UBND",
        "place": "Xã Hoàng Văn Thụ",
        "issued_on": dt.date(2026, 1, 5),
        "document_type": "Báo cáo",
        "summary": "Kết quả thực hiện Kế hoạch số 33/KH-UBND năm 2025",
    }
    return DocumentHeader(**{**fields, **changes})


def nd30_document(**changes: Any) -> Document:
    """A short but complete report: three levels of headings, a table, a signature, recipients."""
    text = (
        "Thực hiện Kế hoạch số 33/KH-UBND ngày 23/8/2025 của Ủy ban nhân dân xã Hoàng Văn Thụ, các phòng "
        "chuyên môn, đơn vị, trường học và các thôn đã chủ động triển khai nhiều hoạt động truyền thông về "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số."
    )
    fields: dict[str, Any] = {
        "header": nd30_header(),
        "body": (
            Paragraph(text=text),
            Section(
                title="Kết quả đạt được",
                body=(
                    Paragraph(text=text),
                    Section(
                        title="Công tác truyền thông",
                        body=(
                            Paragraph(text=text),
                            Section(title="Trên Trang thông tin điện tử xã", body=(Paragraph(text=text),)),
                        ),
                    ),
                ),
            ),
            Section(
                title="Kết quả thực hiện các chỉ tiêu",
                body=(
                    Table(
                        title="Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2025",
                        columns=(
                            Column(title="STT", width=0.8, kind="integer"),
                            Column(title="Chỉ tiêu", width=5),
                            Column(title="Mục tiêu", width=1.5, kind="percent"),
                            Column(title="Kết quả", width=1.5, kind="percent"),
                            Column(title="Số người", width=1.5, kind="integer"),
                        ),
                        rows=tuple(
                            (n, "Cán bộ, công chức, viên chức được phổ biến Nghị quyết", 1, 0.955, 1234)
                            for n in range(1, 4)
                        ),
                    ),
                    Paragraph(text="Trên đây là báo cáo kết quả thực hiện của Ủy ban nhân dân xã./."),
                ),
            ),
        ),
        "signature": SignatureBlock(authority="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Hoàng Văn Hùng"),
        "recipients": Recipients(
            items=("Sở KH&CN (b/c)", "TT Đảng ủy, TT HĐND xã", "CT, các PCT UBND xã"), archive="VT, VHXH"
        ),
    }
    return Document(**{**fields, **changes})
