"""The article's channel panel in the back office: pick channels and times, follow each
delivery (queued / sent with its link / failed with its reason), retry, and prepare the
loudspeaker bulletin (script, synthesis with progress, audio player, schedule)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from xaso.backoffice.views import HereInBreadcrumbs
from xaso.channels import selectors
from xaso.channels.broadcast.models import AudioFormat, AudioState, BroadcastAudio
from xaso.channels.broadcast.services import (
    broadcast_audio_edit_script,
    broadcast_audio_prepare,
    broadcast_audio_request,
    broadcast_slot_cancel,
    slot_airing_confirm,
)
from xaso.channels.forms import ScriptForm, SendForm
from xaso.channels.models import BroadcastSlot, ChannelKind, Delivery, Publication
from xaso.channels.pages import ERR_NO_COMMUNE, page_commune
from xaso.channels.services import ERR_NOT_LIVE, deliveries_schedule, delivery_retry, publication_for_page
from xaso.inputs.params import query_id
from xaso.units.models import OrgUnit

MSG_SCHEDULED = "Đã xếp lịch gửi lên {count} kênh."
MSG_RETRY = "Đã cho gửi lại lên {account}."
MSG_SCRIPT = "Đã lưu bản đọc."
MSG_SYNTHESIS = "Đang chuyển bản đọc thành âm thanh; trang tự cập nhật tiến độ."
MSG_REJECTED = "Chưa gửi được: hãy sửa các lỗi dưới đây."
MSG_CANCELLED = "Đã hủy lượt phát {slot}: lượt này không phát, không tính vào kết quả."
MSG_CONFIRMED = "Đã ghi: {village}, {slot} — {status}."
ERR_NO_VILLAGE = "Bạn chưa phụ trách thôn nào có cụm loa truyền thanh."


class ChannelPanelView(HereInBreadcrumbs, WagtailAdminTemplateMixin, TemplateView):
    template_name = "channels/admin/panel.html"
    header_icon = "globe"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        page = Page.objects.filter(pk=kwargs["page_id"]).first()
        if page is None:
            raise Http404("Không có bài này.")
        self.page = page
        self.commune: OrgUnit | None = page_commune(page)
        readable = selectors.communes_following(user=request.user)
        if self.commune is None:
            if not page.permissions_for_user(request.user).can_edit():
                raise Http404("Không có bài này trong phạm vi của bạn.")
        elif not readable.filter(pk=self.commune.pk).exists():
            raise Http404("Không có bài này trong phạm vi của bạn.")
        self.can_publish = bool(
            self.commune and selectors.communes_publishing(user=request.user).filter(pk=self.commune.pk).exists()
        )
        self.publication = Publication.objects.filter(page=page).first()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return f"Gửi lên các kênh: {self.page.title}"

    def _send_form(self, data: Any = None) -> SendForm:
        assert self.commune is not None
        return SendForm(
            data,
            accounts=selectors.accounts_usable(user=self.request.user).filter(commune=self.commune),
            groups=selectors.village_groups_readable(user=self.request.user).filter(commune=self.commune),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        audio = BroadcastAudio.objects.filter(publication=self.publication).first() if self.publication else None
        deliveries = (
            Delivery.objects.filter(publication=self.publication).select_related("account").prefetch_related("history")
            if self.publication
            else Delivery.objects.none()
        )
        context.update(
            page=self.page,
            commune=self.commune,
            error=None if self.commune else ERR_NO_COMMUNE,
            is_live=self.page.live,
            not_live=ERR_NOT_LIVE,
            can_publish=self.can_publish and self.page.live,
            deliveries=deliveries,
            send_form=kwargs.get("send_form") or (self._send_form() if self.commune else None),
            audio=audio,
            audio_busy=audio is not None and audio.state in (AudioState.PENDING, AudioState.RUNNING),
            script_form=kwargs.get("script_form") or (ScriptForm(initial={"script": audio.script}) if audio else None),
            audio_formats=AudioFormat.choices,
            slots=audio.slots.select_related("group").prefetch_related("airings__village").order_by("starts_at")
            if audio
            else [],
            now=timezone.now(),
            has_loudspeaker=ChannelKind.LOUDSPEAKER,
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_publish:
            raise PermissionDenied
        action = request.POST.get("action", "")
        handler = {
            "send": self._send,
            "retry": self._retry,
            "script": self._script,
            "prepare": self._prepare,
            "synthesise": self._synthesise,
            "cancel_slot": self._cancel_slot,
        }.get(action)
        if handler is None:
            raise Http404("Không có thao tác này.")
        return handler(request)

    def _cancel_slot(self, request: HttpRequest) -> HttpResponse:
        raw = request.POST.get("slot", "")
        slot = selectors.broadcast_slots_writable(user=request.user).filter(
            pk=int(raw) if raw.isdigit() else 0, audio__publication=self.publication
        )
        found = slot.first()
        if found is None:
            raise Http404("Không có lượt phát này.")
        try:
            broadcast_slot_cancel(slot=found, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.info(request, MSG_CANCELLED.format(slot=found))
        return self._again()

    def _publication(self) -> Publication:
        return publication_for_page(page=self.page, user=self.request.user)

    def _again(self) -> HttpResponse:
        return redirect(reverse("channels_page_panel", args=[self.page.pk]))

    def _send(self, request: HttpRequest) -> HttpResponse:
        form = self._send_form(request.POST)
        if not self.page.live:
            form.add_error(None, ERR_NOT_LIVE)
        if not form.is_valid():
            messages.error(request, MSG_REJECTED)
            return self.render_to_response(self.get_context_data(send_form=form), status=400)
        options = {
            "groups": [group.pk for group in form.cleaned_data["groups"]],
            "days": form.cleaned_data["days"],
            "slots": form.cleaned_data["slots"],
        }
        try:
            publication = self._publication()
            deliveries = deliveries_schedule(
                publication=publication,
                accounts=form.cleaned_data["accounts"],
                publish_at=form.cleaned_data["publish_at"],
                options=options,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            messages.error(request, MSG_REJECTED)
            return self.render_to_response(self.get_context_data(send_form=form), status=400)
        if any(d.account.kind == ChannelKind.LOUDSPEAKER for d in deliveries):
            broadcast_audio_prepare(publication=publication)
        messages.success(request, MSG_SCHEDULED.format(count=len(deliveries)))
        return self._again()

    def _retry(self, request: HttpRequest) -> HttpResponse:
        delivery = (
            selectors.deliveries_writable(user=request.user)
            .filter(pk=query_id(request.POST, "delivery") or 0, publication__page=self.page)
            .first()
        )
        if delivery is None:
            raise Http404("Không có lượt gửi này.")
        try:
            delivery_retry(delivery=delivery)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, MSG_RETRY.format(account=delivery.account))
        return self._again()

    def _prepare(self, request: HttpRequest) -> HttpResponse:
        try:
            broadcast_audio_prepare(publication=self._publication())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return self._again()

    def _audio(self) -> BroadcastAudio:
        audio = BroadcastAudio.objects.filter(publication__page=self.page).first()
        if audio is None:
            raise Http404("Bài chưa có bản tin truyền thanh.")
        return audio

    def _script(self, request: HttpRequest) -> HttpResponse:
        audio = self._audio()
        form = ScriptForm(request.POST)
        if form.is_valid():
            try:
                broadcast_audio_edit_script(audio=audio, script=form.cleaned_data["script"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("script", message)
        if form.errors:
            messages.error(request, MSG_REJECTED)
            return self.render_to_response(self.get_context_data(script_form=form), status=400)
        messages.success(request, MSG_SCRIPT)
        return self._again()

    def _synthesise(self, request: HttpRequest) -> HttpResponse:
        audio_format = request.POST.get("audio_format", AudioFormat.MP3)
        if audio_format not in AudioFormat.values:
            audio_format = AudioFormat.MP3
        broadcast_audio_request(audio=self._audio(), audio_format=audio_format)
        messages.info(request, MSG_SYNTHESIS)
        return self._again()


def audio_progress(request: HttpRequest, audio_id: int) -> JsonResponse:
    """Polled by the panel while the bulletin is being read aloud."""
    audio = selectors.broadcast_audio_readable(user=request.user).filter(pk=audio_id).first()
    if audio is None:
        raise Http404("Không có bản tin này.")
    return JsonResponse(
        {
            "state": audio.state,
            "label": audio.get_state_display(),
            "progress": audio.progress,
            "error": audio.error,
            "url": audio.file.url if audio.file else "",
            "duration": audio.duration_seconds,
        }
    )


class AiringsView(WagtailAdminTemplateMixin, TemplateView):
    """Back office, on a phone: the village's loudspeaker operator says, slot by slot, whether the
    bulletin played ("Đã phát") or not ("Không phát được"); only then does it count."""

    template_name = "channels/admin/airings.html"
    page_title = "Xác nhận phát thanh"
    header_icon = "radio-full"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        rows = selectors.airings_to_confirm(user=self.request.user, now=now)
        context.update(
            rows=rows,
            now=now,
            waiting=sum(
                1 for row in rows if row.airing is None and row.slot.starts_at <= now and not row.slot.cancelled_at
            ),
            no_village=ERR_NO_VILLAGE if not selectors.villages_operated(user=self.request.user).exists() else "",
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        slot_raw, village_raw = request.POST.get("slot", ""), request.POST.get("village", "")
        status = request.POST.get("status", "")
        village = (
            selectors.villages_operated(user=request.user)
            .filter(pk=int(village_raw) if village_raw.isdigit() else 0)
            .first()
        )
        # A slot is reached through a village the person operates: others' slots are not found.
        slot = (
            BroadcastSlot.objects.filter(pk=int(slot_raw) if slot_raw.isdigit() else 0, group__villages=village).first()
            if village is not None
            else None
        )
        if slot is None or village is None or status not in ("aired", "missed"):
            raise Http404("Không có lượt phát này trong các thôn bạn phụ trách.")
        try:
            airing = slot_airing_confirm(
                slot=slot,
                village=village,
                aired=status == "aired",
                user=request.user,
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                MSG_CONFIRMED.format(village=village.name, slot=slot, status=airing.get_status_display().lower()),
            )
        return redirect(reverse("channels_airings"))
