"""The loudspeaker schedule as a playlist (M3U) and a calendar (iCalendar), per commune and group.

Public, like the broadcasts themselves: smart-loudspeaker systems and the station's staff
subscribe to these URLs. Only scheduled slots with ready audio are listed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from xaso.channels.broadcast.models import AudioState, BroadcastSlot
from xaso.inputs.params import query_id, require
from xaso.units.models import OrgUnit, UnitKind

HORIZON = dt.timedelta(days=14)


def _slots(request: HttpRequest, commune_id: int) -> list[BroadcastSlot]:
    if not OrgUnit.objects.filter(pk=commune_id, kind=UnitKind.COMMUNE, is_active=True).exists():
        raise Http404("Không có xã này.")
    now = timezone.now()
    slots = BroadcastSlot.objects.filter(
        group__commune_id=commune_id,
        audio__state=AudioState.READY,
        starts_at__gte=now - dt.timedelta(hours=12),
        starts_at__lte=now + HORIZON,
    ).select_related("audio__publication", "group")
    if request.GET.get("cum"):
        slots = slots.filter(group_id=require(query_id(request.GET, "cum"), "cum"))
    return list(slots.order_by("starts_at", "group__name"))


def _audio_url(slot: BroadcastSlot) -> str:
    return settings.BASE_URL + slot.audio.file.url


def playlist(request: HttpRequest, commune_id: int) -> HttpResponse:
    lines = ["#EXTM3U", "#PLAYLIST:Lịch phát thanh"]
    for slot in _slots(request, commune_id):
        seconds = round(slot.audio.duration_seconds or -1)
        when = timezone.localtime(slot.starts_at).strftime("%H:%M %d/%m/%Y")
        title = f"{when} — {slot.group.name} — {slot.audio.publication.title}".replace("\n", " ")
        lines += [f"#EXTINF:{seconds},{title}", _audio_url(slot)]
    response = HttpResponse("\n".join(lines) + "\n", content_type="audio/x-mpegurl; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-phat-thanh.m3u"'
    return response


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """iCalendar lines are at most 75 octets; longer ones continue on lines starting with a space."""
    out: list[str] = []
    data = line.encode()
    while len(data) > 75:
        cut = 75 if not out else 74
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1  # never split a UTF-8 character
        out.append(data[:cut].decode())
        data = data[cut:]
    out.append(data.decode())
    return [out[0], *(" " + part for part in out[1:])]


def calendar(request: HttpRequest, commune_id: int) -> HttpResponse:
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Xa so//Lich phat thanh//VI", "CALSCALE:GREGORIAN"]
    lines.append("X-WR-CALNAME:" + _ics_text("Lịch phát thanh"))
    for slot in _slots(request, commune_id):
        start = slot.starts_at.astimezone(dt.UTC)
        end = start + dt.timedelta(seconds=max(60, round(slot.audio.duration_seconds or 60)))
        villages = ", ".join(v.name for v in slot.group.villages.all())
        lines += [
            "BEGIN:VEVENT",
            f"UID:xaso-slot-{slot.pk}@{request.get_host()}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{end:%Y%m%dT%H%M%SZ}",
            "SUMMARY:" + _ics_text(f"Phát thanh: {slot.audio.publication.title}"),
            "LOCATION:" + _ics_text(f"{slot.group.name} ({villages})" if villages else slot.group.name),
            "DESCRIPTION:" + _ics_text(f"Buổi: {slot.get_slot_display()}. Tệp âm thanh: {_audio_url(slot)}"),
            "URL:" + _audio_url(slot),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    folded = [part for line in lines for part in _fold(line)]
    response = HttpResponse("\r\n".join(folded) + "\r\n", content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-phat-thanh.ics"'
    return response
