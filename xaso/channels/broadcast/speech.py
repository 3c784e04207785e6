"""Speech backends for the loudspeakers: text in, WAV out, behind one interface.

- espeak-ng's Vietnamese voice, offline (Debian package espeak-ng): the default, works with
  no internet connection;
- a hosted Vietnamese text-to-speech service over HTTP (the protocol of Zalo AI's TTS:
  POST /v1/tts/synthesize with an `apikey` header and form fields input, speaker_id, speed,
  encode_type; the answer gives a URL of the audio to download).
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Protocol

from django.conf import settings

from xaso.channels import http
from xaso.channels.errors import DeliveryError

ERR_NO_ESPEAK = "Máy chủ chưa sẵn sàng đọc văn bản thành tiếng (thiếu espeak-ng); xin báo quản trị hệ thống."
ERR_ESPEAK = "espeak-ng không đọc được đoạn văn bản: {detail}"
ERR_HOSTED = "Dịch vụ đọc văn bản trả lời lỗi: {detail}"
ERR_HOSTED_KEY = "Dịch vụ đọc văn bản chưa được cấu hình; xin báo quản trị hệ thống."


class SpeechError(Exception):
    pass


class SpeechBackend(Protocol):
    name: str
    max_chars: int

    def synthesise(self, text: str) -> bytes:
        """WAV bytes (mono, 16-bit PCM) of `text` read aloud."""


class EspeakBackend:
    name = "espeak-ng"
    max_chars = 1500

    def __init__(self, *, voice: str = "vi", words_per_minute: int = 150) -> None:
        self.voice = voice
        self.words_per_minute = words_per_minute

    def synthesise(self, text: str) -> bytes:
        binary = shutil.which("espeak-ng")
        if binary is None:
            raise SpeechError(ERR_NO_ESPEAK)
        done = subprocess.run(  # noqa: S603 - fixed binary, text on stdin
            [binary, "-v", self.voice, "-s", str(self.words_per_minute), "--stdin", "--stdout"],
            input=text.encode(),
            capture_output=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or not done.stdout.startswith(b"RIFF"):
            raise SpeechError(ERR_ESPEAK.format(detail=done.stderr.decode(errors="replace")[:200]))
        return done.stdout


class HostedBackend:
    name = "hosted"
    max_chars = 1900  # the service accepts up to 2,000 characters per request

    def __init__(self, *, base_url: str, api_key: str, speaker_id: int = 1, speed: float = 1.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.speaker_id = speaker_id
        self.speed = speed

    def synthesise(self, text: str) -> bytes:
        if not self.api_key:
            raise SpeechError(ERR_HOSTED_KEY)
        try:
            answer = http.request(
                "POST",
                f"{self.base_url}/v1/tts/synthesize",
                service="Dịch vụ đọc văn bản",
                headers={"apikey": self.api_key},
                data={"input": text, "speaker_id": self.speaker_id, "speed": self.speed, "encode_type": 0},
            )
            data = answer.data if isinstance(answer.data, dict) else {}
            url = (data.get("data") or {}).get("url") if int(data.get("error_code", -1)) == 0 else None
            if not url:
                raise SpeechError(ERR_HOSTED.format(detail=str(data.get("error_message") or answer.status)[:200]))
            audio = http.request("GET", str(url), service="Dịch vụ đọc văn bản", raw=True)
        except DeliveryError as exc:
            raise SpeechError(ERR_HOSTED.format(detail=exc.reason)) from exc
        if audio.status != 200 or not audio.content.startswith(b"RIFF"):
            raise SpeechError(ERR_HOSTED.format(detail=f"tệp âm thanh không hợp lệ (HTTP {audio.status})"))
        return audio.content


def speech_backend() -> SpeechBackend:
    if settings.SPEECH_BACKEND == "hosted":
        return HostedBackend(base_url=settings.SPEECH_URL, api_key=settings.SPEECH_API_KEY)
    return EspeakBackend(voice=settings.SPEECH_VOICE)
