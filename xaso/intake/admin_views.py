"""Back-office screens: upload a plan's document, follow its reading, review it side by side with
the source, correct each part, match its units, confirm it as the commune's plan."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.intake import draft as d
from xaso.intake.convert import task_codes
from xaso.intake.forms import (
    SECTIONS,
    BaseMilestoneFormSet,
    MilestoneForm,
    TargetForm,
    TaskForm,
    UploadForm,
    list_formset,
    target_apply,
    target_initial,
    task_apply,
    task_initial,
)
from xaso.intake.models import DraftStatus, PlanDraft
from xaso.intake.review import review_sections, source_lines
from xaso.intake.selectors import drafts_readable, drafts_writable
from xaso.intake.services import (
    DraftConfirmError,
    draft_change,
    draft_confirm,
    draft_paste,
    draft_problems,
    draft_retry,
    draft_retryable,
    draft_unit_create,
    draft_units_choose,
    draft_upload,
)
from xaso.plans.models import Plan
from xaso.plans.selectors import plans_editable
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import communes_owned

ERR_NOT_FOUND = "Không tìm thấy bản nháp kế hoạch này trong phạm vi của bạn."
ERR_SECTION = "Không có phần này trong bản nháp."
MSG_QUEUED = "Đã nhận “{title}”; Xã số đang đọc văn bản, tiến độ hiện dưới đây."
MSG_SAVED = "Đã lưu “{section}”."
MSG_RETRIED = "Đang đọc lại văn bản."
MSG_CONFIRMED = "Kế hoạch {code} đã thành kế hoạch của {commune} ({count} mục được ghi, mỗi mục một phiên bản)."
MSG_REFUSED = "Chưa xác nhận được: kế hoạch của xã không thay đổi. Hãy sửa {count} điểm dưới đây rồi xác nhận lại."
MSG_DELETED = "Đã bỏ mục này khỏi bản nháp."
MSG_UNIT_CREATED = "Đã tạo đơn vị “{name}” trong {commune}."
RECENT = 30


def _readable(request: HttpRequest, pk: UUID) -> PlanDraft:
    draft = drafts_readable(user=request.user).filter(pk=pk).first()
    if draft is None:
        raise Http404(ERR_NOT_FOUND)
    return draft


def _writable(request: HttpRequest, pk: UUID) -> PlanDraft:
    draft = drafts_writable(user=request.user).filter(pk=pk).first()
    if draft is None:
        raise Http404(ERR_NOT_FOUND)
    return draft


def draft_state(draft: PlanDraft) -> dict[str, Any]:
    return {
        "id": str(draft.pk),
        "status": draft.status,
        "status_label": draft.get_status_display(),
        "progress": draft.progress,
        "step": draft.step,
        "error": draft.error,
        "finished": draft.is_finished,
        "url": reverse("intake_draft", args=[draft.pk]),
    }


class DraftListView(HereInBreadcrumbs, WagtailAdminTemplateMixin, FormView):
    template_name = "intake/admin/drafts.html"
    form_class = UploadForm
    page_title = "Kế hoạch từ văn bản"
    header_icon = "doc-full"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "communes": communes_owned(user=self.request.user)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        drafts = list(drafts_readable(user=self.request.user)[:RECENT])
        context["drafts"] = [(draft, draft_state(draft)) for draft in drafts]
        context["can_upload"] = communes_owned(user=self.request.user).exists()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not communes_owned(user=request.user).exists():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: UploadForm) -> HttpResponse:
        commune = form.cleaned_data["commune"]
        try:
            if form.cleaned_data.get("file"):
                upload = form.cleaned_data["file"]
                draft = draft_upload(commune=commune, user=self.request.user, name=upload.name, data=upload.read())
            else:
                draft = draft_paste(commune=commune, user=self.request.user, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("file" if form.cleaned_data.get("file") else "text", exc)
            return self.form_invalid(form)
        messages.success(self.request, MSG_QUEUED.format(title=draft.title))
        return redirect(reverse("intake_draft", args=[draft.pk]))

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class DraftView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "intake/admin/draft.html"
    header_icon = "doc-full"
    draft: PlanDraft
    problems: list[str] | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.draft = _readable(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Kế hoạch từ văn bản: {self.draft.title}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        draft = self.draft
        can_write = drafts_writable(user=self.request.user).filter(pk=draft.pk).exists()
        context.update(
            draft=draft,
            state=draft_state(draft),
            can_write=can_write,
            retryable=can_write and draft_retryable(draft=draft),
            problems=self.problems,
        )
        if draft.status in (DraftStatus.READY, DraftStatus.CONFIRMED):
            context["lines"] = source_lines(draft)
            context.update(review_sections(draft))
            if draft.status == DraftStatus.READY and context["problems"] is None:
                context["problems"] = draft_problems(draft=draft)
            existing = Plan.objects.filter(
                commune=draft.commune, code=d.Draft.from_json(draft.draft).identity.code
            ).first()
            context["existing_plan"] = existing if draft.status == DraftStatus.READY else None
        if draft.plan_id and plans_editable(user=self.request.user).filter(pk=draft.plan_id).exists():
            context["plan_url"] = reverse("wagtailsnippets_plans_plan:edit", args=[draft.plan_id])
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        draft = _writable(request, kwargs["pk"])
        if "retry" in request.POST:
            try:
                draft_retry(draft=draft, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.info(request, MSG_RETRIED)
        return redirect(reverse("intake_draft", args=[draft.pk]))


@require_GET
def draft_status(request: HttpRequest, pk: UUID) -> JsonResponse:
    return JsonResponse(draft_state(_readable(request, pk)), json_dumps_params={"ensure_ascii": False})


@require_GET
def draft_source(request: HttpRequest, pk: UUID) -> FileResponse:
    draft = _readable(request, pk)
    if not draft.source:
        raise Http404(ERR_NOT_FOUND)
    filename = draft.source.name.rsplit("/", 1)[-1]
    return FileResponse(draft.source.open("rb"), as_attachment=True, filename=filename)


@require_POST
def draft_confirm_view(request: HttpRequest, pk: UUID) -> HttpResponse:
    draft = _writable(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        result = draft_confirm(draft=draft, user=request.user, version=version)
    except DraftConfirmError as exc:
        messages.error(request, MSG_REFUSED.format(count=len(exc.problems)))
        view = DraftView()
        view.setup(request, pk=pk)
        view.draft = _readable(request, pk)
        view.problems = exc.problems
        return view.render_to_response(view.get_context_data(), status=400)
    messages.success(
        request,
        MSG_CONFIRMED.format(code=result.plan.code, commune=draft.commune.name, count=len(result.changes)),
    )
    return redirect(reverse("intake_draft", args=[draft.pk]))


class DraftEditView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    """One part of the draft in a form: ?phan=<section>[&so=<n | g.k | moi>]."""

    template_name = "intake/admin/edit.html"
    header_icon = "edit"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.draft = _writable(request, kwargs["pk"])
        if self.draft.status != DraftStatus.READY:
            return redirect(reverse("intake_draft", args=[self.draft.pk]))
        self.plan = d.Draft.from_json(self.draft.draft)
        self.section = request.GET.get("phan", "")
        self.number = request.GET.get("so", "")
        self.where = self._locate()
        return super().dispatch(request, *args, **kwargs)

    def _locate(self) -> Any:
        if self.section in SECTIONS:
            return None
        if self.section == "muc-tieu":
            if self.number == "moi":
                return None
            index = _index(self.number, len(self.plan.targets))
            return index
        if self.section == "nhiem-vu":
            if self.number == "moi":
                return None
            group, _, task = self.number.partition(".")
            g = _index(group, len(self.plan.task_groups))
            return g, _index(task, len(self.plan.task_groups[g].tasks))
        raise Http404(ERR_SECTION)

    def get_page_title(self) -> str:
        if self.section in SECTIONS:
            return SECTIONS[self.section].label
        if self.section == "muc-tieu":
            return "Thêm mục tiêu" if self.where is None else f"Mục tiêu {self.where + 1}"
        return (
            "Thêm nhiệm vụ" if self.where is None else f"Nhiệm vụ {task_codes(self.plan)[self.where[0]][self.where[1]]}"
        )

    def forms(self, data: Any = None) -> dict[str, Any]:
        plan = self.plan
        if self.section in SECTIONS:
            section = SECTIONS[self.section]
            initial = section.initial(plan, self.number)
            if section.kind == "form":
                return {"form": section.form(data, initial=initial)}
            return {"formset": list_formset(section.form, data=data, initial=initial, prefix="muc")}
        if self.section == "muc-tieu":
            target = plan.targets[self.where] if self.where is not None else d.Target(text="")
            initial, milestones = target_initial(target)
            form = TargetForm(data, initial=initial)
            formset = list_formset(
                MilestoneForm, data=data, initial=milestones, prefix="moc", base=BaseMilestoneFormSet
            )
            return {"form": form, "formset": formset, "item": target}
        groups = [(g, f"Nhóm {g + 1}: {group.text[:80]}") for g, group in enumerate(plan.task_groups)]
        if self.where is not None:
            g, k = self.where
            item: d.Task = plan.task_groups[g].tasks[k]
            initial = task_initial(item, g)
        else:
            item, initial = d.Task(text=""), {"group": 0, "recurrence": "continuous"}
        return {"form": TaskForm(data, initial=initial, groups=groups), "item": item}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.forms() if "form" not in kwargs and "formset" not in kwargs else {})
        item = context.get("item")
        lines = item.lines if item is not None and item.lines else []
        context.update(
            draft=self.draft,
            section=self.section,
            deletable=self.where is not None and self.section in ("muc-tieu", "nhiem-vu"),
            source=[(n, text) for n, text, _ in source_lines(self.draft) if lines and lines[0] <= n <= lines[-1]],
            back_url=reverse("intake_draft", args=[self.draft.pk]),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        if "delete" in request.POST and self.where is not None:
            return self._save(version, self._delete, MSG_DELETED)
        bound = self.forms(request.POST)
        form, formset = bound.get("form"), bound.get("formset")
        if self.section == "muc-tieu" and form is not None and formset is not None and form.is_valid():
            formset.period = (form.cleaned_data["period_start"], form.cleaned_data["period_end"])
        valid = all(part.is_valid() for part in (form, formset) if part is not None)
        if not valid:
            return self.render_to_response(self.get_context_data(**bound), status=400)
        return self._save(
            version, lambda plan, _map: self._apply(plan, bound), MSG_SAVED.format(section=self.get_page_title())
        )

    def _apply(self, plan: d.Draft, bound: dict[str, Any]) -> None:
        if self.section in SECTIONS:
            section = SECTIONS[self.section]
            if section.kind == "form":
                section.apply(plan, bound["form"].cleaned_data, self.number)
            else:
                section.apply(plan, [f.cleaned_data for f in bound["formset"].forms], self.number)
        elif self.section == "muc-tieu":
            target_apply(plan, self.where, bound["form"].cleaned_data, [f.cleaned_data for f in bound["formset"].forms])
        else:
            task_apply(plan, self.where, bound["form"].cleaned_data)

    def _delete(self, plan: d.Draft, _map: dict[str, Any]) -> None:
        if self.section == "muc-tieu":
            plan.targets.pop(self.where)
        else:
            g, k = self.where
            plan.task_groups[g].tasks.pop(k)

    def _save(self, version: int, change: Any, message: str) -> HttpResponse:
        try:
            draft_change(draft=self.draft, user=self.request.user, version=version, change=change)
        except ValidationError as exc:
            messages.error(self.request, " ".join(exc.messages))
            return redirect(self.request.get_full_path())
        messages.success(self.request, message)
        return redirect(reverse("intake_draft", args=[self.draft.pk]))


def _index(text: str, size: int) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= size:
        raise Http404(ERR_SECTION)
    return int(text) - 1


class UnitChoiceForm(forms.Form):
    units = forms.MultipleChoiceField(label="Đơn vị của xã", required=False, widget=forms.CheckboxSelectMultiple)


NEW_UNIT_KINDS = [
    (k.value, k.label)
    for k in (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)
]


class NewUnitForm(forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=NEW_UNIT_KINDS)


class DraftUnitsView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    """Each unit name the plan writes, the commune's units it stands for, or a new unit."""

    template_name = "intake/admin/units.html"
    page_title = "Đơn vị trong kế hoạch"
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.draft = _writable(request, kwargs["pk"])
        if self.draft.status != DraftStatus.READY:
            return redirect(reverse("intake_draft", args=[self.draft.pk]))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        units = list(OrgUnit.objects.filter(commune=self.draft.commune).order_by("path"))
        choices = [(u.code, f"{u.name} ({u.kind_label.lower()})") for u in units]
        rows = []
        for index, (name, entry) in enumerate((self.draft.unit_map or {}).items()):
            selected = entry.get("units") or []
            rows.append(
                {
                    "index": index,
                    "name": name,
                    "how": entry.get("how", ""),
                    "chosen": entry.get("chosen", False),
                    "choices": [(code, label, code in selected) for code, label in choices],
                    "kind": entry.get("kind") or UnitKind.OFFICE,
                }
            )
        context.update(
            draft=self.draft, rows=rows, kinds=NEW_UNIT_KINDS, back_url=reverse("intake_draft", args=[self.draft.pk])
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        names = list((self.draft.unit_map or {}).keys())
        try:
            if "create" in request.POST:
                form = NewUnitForm({"name": request.POST.get("new_name", ""), "kind": request.POST.get("new_kind", "")})
                if not form.is_valid():
                    raise ValidationError([m for errors in form.errors.values() for m in errors])
                unit = draft_unit_create(
                    draft=self.draft,
                    user=request.user,
                    version=version,
                    name=form.cleaned_data["name"],
                    kind=form.cleaned_data["kind"],
                )
                messages.success(request, MSG_UNIT_CREATED.format(name=unit.name, commune=self.draft.commune.name))
                return redirect(reverse("intake_draft_units", args=[self.draft.pk]))
            choices = {name: request.POST.getlist(f"dv-{index}") for index, name in enumerate(names)}
            draft_units_choose(draft=self.draft, user=request.user, version=version, choices=choices)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("intake_draft_units", args=[self.draft.pk]))
        messages.success(request, MSG_SAVED.format(section=self.page_title))
        return redirect(reverse("intake_draft", args=[self.draft.pk]) + "#don-vi")
