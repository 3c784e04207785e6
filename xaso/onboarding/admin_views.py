"""Back office of a province: its communes coming on board, a new commune, a commune's units and
people from a spreadsheet, their set-up links (e-mail or a printed A4 sheet with QR codes)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.intake.models import DraftStatus, PlanDraft
from xaso.onboarding.models import SetupLink
from xaso.onboarding.roster import ERR_TOO_BIG, KIND_NAMES, MAX_BYTES, MB, ROLE_NAMES, RosterError, template_workbook
from xaso.onboarding.selectors import communes_onboardable, onboarding_overview, provinces_onboarded
from xaso.onboarding.services import (
    commune_create,
    link_lifetime,
    roster_import,
    setup_link_email,
    setup_links_print,
    wards_available,
)
from xaso.portal.qr import qr_svg
from xaso.units.models import Membership, OrgUnit, Role, UnitKind
from xaso.units.services import unit_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERR_NOT_FOUND = "Không tìm thấy xã này trong các tỉnh bạn quản trị."
ERR_FILE = "Hãy chọn tệp danh sách (.xlsx)."
ERR_NOBODY = "Chưa chọn người nào (hoặc mọi người đã đặt mật khẩu)."
MSG_CREATED = "Đã tạo {name}. Bước tiếp theo: tải tệp mẫu, điền đơn vị và người dùng của xã rồi nhập."
MSG_IMPORTED = (
    "Đã nhập “{filename}”: {units} đơn vị mới, {updated} đơn vị cập nhật, {people} người dùng mới, {roles} vai trò. "
    "{emailed} người nhận đường dẫn đặt mật khẩu qua thư; {to_print} người chưa có thư điện tử: hãy in phiếu có mã QR."
)
MSG_REFUSED = "Tệp bị từ chối, không có gì được nhập. Hãy sửa {count} lỗi dưới đây rồi nhập lại."
MSG_EMAILED = "Đã gửi lại đường dẫn đặt mật khẩu qua thư cho {count} người; đường dẫn cũ của họ không dùng được nữa."
MSG_UNITS_CREATED = "Đã tạo {count} đơn vị kế hoạch nêu tên: {names}."


def _commune(request: HttpRequest, pk: int) -> OrgUnit:
    commune = communes_onboardable(user=request.user).filter(pk=pk).select_related("onboarding").first()
    if commune is None:
        raise Http404(ERR_NOT_FOUND)
    return commune


class ProvinceView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "onboarding/admin/province.html"
    page_title = "Đưa xã lên Xã số"
    header_icon = "site"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["provinces"] = onboarding_overview(user=self.request.user)
        context["onboardable"] = set(communes_onboardable(user=self.request.user).values_list("pk", flat=True))
        context["can_create"] = provinces_onboarded(user=self.request.user).exists()
        return context


class CommuneForm(forms.Form):
    province = forms.ModelChoiceField(label="Tỉnh", queryset=OrgUnit.objects.none(), empty_label=None)
    ward = forms.TypedChoiceField(
        label="Xã trong danh mục đơn vị hành chính (sau ngày 01/7/2025)", coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label="Hoặc nhập tên xã",
        max_length=255,
        required=False,
        help_text="Khi xã chưa có trong danh mục, ví dụ “Xã Tân Tiến”.",
    )

    def __init__(self, *args: Any, provinces: Any, wards: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        choices = [("", "— chọn xã —"), *((w.code, f"{w.name} (mã {w.code})") for w in wards)]
        self.fields["ward"].choices = choices  # type: ignore[attr-defined]


class CommuneNewView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "onboarding/admin/commune_new.html"
    page_title = "Thêm xã"
    header_icon = "plus"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.provinces = provinces_onboarded(user=request.user).order_by("name")
        chosen = request.POST.get("province") or request.GET.get("tinh") or ""
        province = (
            self.provinces.filter(pk=int(chosen)).first() if chosen.isascii() and chosen.isdigit() else None
        ) or self.provinces.first()
        if province is None:
            raise PermissionDenied
        self.province: OrgUnit = province
        return super().dispatch(request, *args, **kwargs)

    def form(self, data: Any = None) -> CommuneForm:
        return CommuneForm(
            data,
            initial={"province": self.province.pk},
            provinces=self.provinces,
            wards=wards_available(province=self.province),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context["province"] = self.province
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                commune = commune_create(
                    province=data["province"], user=request.user, ward_code=data["ward"], name=data["name"]
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, MSG_CREATED.format(name=commune.name))
                return redirect(reverse("onboarding_commune", args=[commune.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RosterForm(forms.Form):
    file = forms.FileField(label="Tệp danh sách đơn vị và người dùng (.xlsx)", required=False)


class CommuneView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "onboarding/admin/commune.html"
    header_icon = "group"
    problems: list[str] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.commune = _commune(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Đưa {self.commune.name} lên Xã số"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        commune = self.commune
        context.update(
            commune=commune,
            form=kwargs.get("form") or RosterForm(),
            problems=self.problems,
            people=commune_people(commune),
            units=list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk).order_by("path")),
            proposed=proposed_units(commune),
            link_days=link_lifetime().days,
            kinds=KIND_NAMES,
            roles=ROLE_NAMES,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action", "import")
        if action == "email":
            return self._email(request)
        if action == "create_proposed":
            return self._create_proposed(request)
        form = RosterForm(request.POST, request.FILES)
        upload = request.FILES.get("file")
        if not form.is_valid() or upload is None:
            form.add_error("file", ERR_FILE)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            if getattr(upload, "oversized", False):
                # xaso/inputs/limits.py stopped storing it at the address's cap.
                raise RosterError([ERR_TOO_BIG.format(name=upload.name, limit=MAX_BYTES // MB)])
            result = roster_import(
                commune=self.commune, user=request.user, filename=upload.name or "danh-sach.xlsx", data=upload.read()
            )
        except RosterError as exc:
            self.problems = exc.problems
            messages.error(request, MSG_REFUSED.format(count=len(exc.problems)))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        record = result.roster
        messages.success(
            request,
            MSG_IMPORTED.format(
                filename=record.filename,
                units=record.units_created,
                updated=record.units_updated,
                people=record.people_created,
                roles=record.roles_granted,
                emailed=result.emailed,
                to_print=result.to_print,
            ),
        )
        return redirect(reverse("onboarding_commune", args=[self.commune.pk]))

    def _email(self, request: HttpRequest) -> HttpResponse:
        people = _chosen_people(request, self.commune, with_email=True)
        sent = 0
        for person in people:
            if person.email:
                setup_link_email(person=person, user=request.user)
                sent += 1
        messages.success(request, MSG_EMAILED.format(count=sent)) if sent else messages.error(request, ERR_NOBODY)
        return redirect(reverse("onboarding_commune", args=[self.commune.pk]))

    def _create_proposed(self, request: HttpRequest) -> HttpResponse:
        from xaso.intake.services import unit_code_for
        from xaso.onboarding.services import _refresh_drafts

        created = []
        for name, kind in proposed_units(self.commune):
            if request.POST.get(f"tao-{name}") != "1":
                continue
            created.append(
                unit_create(
                    code=unit_code_for(commune=self.commune, name=name), name=name[:255], kind=kind, parent=self.commune
                )
            )
        if created:
            _refresh_drafts(self.commune)
            messages.success(
                request, MSG_UNITS_CREATED.format(count=len(created), names=", ".join(u.name for u in created))
            )
        return redirect(reverse("onboarding_commune", args=[self.commune.pk]) + "#don-vi-ke-hoach")


def commune_people(commune: OrgUnit) -> list[dict[str, Any]]:
    """Each person of the commune with their units and roles and the state of their set-up."""
    user_model = get_user_model()
    memberships = Membership.objects.filter(unit__commune=commune).select_related("unit").order_by("unit__path", "pk")
    users = (
        user_model.objects.filter(memberships__unit__commune=commune)
        .distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="commune_memberships"),
            Prefetch("setup_links", queryset=SetupLink.objects.order_by("-created_at"), to_attr="links"),
        )
        .order_by("last_name", "first_name", "username")
    )
    now = timezone.now()
    rows = []
    for person in users:
        link = person.links[0] if person.links else None
        rows.append(
            {
                "person": person,
                "roles": [(m.unit, ROLE_NAMES.get(Role(m.role), m.role)) for m in person.commune_memberships],
                "set_up": person.has_usable_password(),
                "link": link,
                "link_live": bool(link and not link.used_at and not link.revoked_at and link.expires_at > now),
            }
        )
    return rows


def proposed_units(commune: OrgUnit) -> list[tuple[str, str]]:
    """Names the commune's plans in draft give to units it does not have, with the kind proposed."""
    proposed: dict[str, str] = {}
    for unit_map in PlanDraft.objects.filter(commune=commune, status=DraftStatus.READY).values_list(
        "unit_map", flat=True
    ):
        for name, entry in (unit_map or {}).items():
            if not entry.get("units") and not entry.get("chosen"):
                proposed.setdefault(name, entry.get("kind") or UnitKind.OFFICE)
    return sorted(proposed.items())


def _chosen_people(request: HttpRequest, commune: OrgUnit, *, with_email: bool) -> list[Any]:
    """The people ticked, or else everyone not set up yet who has (or has not) an e-mail address."""
    ids = [int(v) for v in request.POST.getlist("nguoi") if v.isascii() and v.isdigit() and len(v) < 19]
    people = get_user_model().objects.filter(memberships__unit__commune=commune).distinct()
    if ids:
        return list(people.filter(pk__in=ids))
    waiting = [p for p in people.order_by("last_name", "first_name", "username") if not p.has_usable_password()]
    return [p for p in waiting if bool(p.email) == with_email]


def roster_template(request: HttpRequest, pk: int) -> HttpResponse:
    commune = _commune(request, pk)
    response = HttpResponse(template_workbook(commune=commune), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="don-vi-nguoi-dung-{commune.code}.xlsx"'
    return response


@require_POST
def setup_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """An A4 sheet of set-up cards with QR codes, for people without e-mail (or those chosen).

    The links are made now and shown only here: printing again makes new ones and the earlier
    sheet's links stop working."""
    commune = _commune(request, pk)
    people = [p for p in _chosen_people(request, commune, with_email=False) if not p.has_usable_password()]
    if not people:
        messages.error(request, ERR_NOBODY)
        return redirect(reverse("onboarding_commune", args=[commune.pk]))
    issued = setup_links_print(people=people, user=request.user)
    roles = {
        m.user_id: m
        for m in Membership.objects.filter(user__in=people, unit__commune=commune)
        .select_related("unit")
        .order_by("-pk")
    }
    cards = [
        {
            "person": link.link.user,
            "unit": roles[link.link.user_id].unit if link.link.user_id in roles else link.link.unit,
            "role": ROLE_NAMES.get(Role(roles[link.link.user_id].role), "") if link.link.user_id in roles else "",
            "url": link.url,
            "qr": qr_svg(link.url),
            "expires": link.link.expires_at,
        }
        for link in issued
    ]
    response = render(request, "onboarding/setup_sheet.html", {"commune": commune, "cards": cards})
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response
