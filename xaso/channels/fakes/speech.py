"""A fake hosted Vietnamese text-to-speech service (the protocol of Zalo AI's TTS).

POST /v1/tts/synthesize, header `apikey`, form input (at most 2,000 characters), speaker_id,
speed, encode_type -> {"error_code": 0, "error_message": "Successful.", "data": {"url": ...}};
GET that URL -> the audio. Here the audio is a WAV tone whose length follows the text.
"""

from __future__ import annotations

import io
import itertools
import math
import struct
import wave
from typing import Any

from xaso.channels.fakes.base import FakeServer, Recorded, Reply

RATE = 16000


def tone(seconds: float) -> bytes:
    frames = int(RATE * seconds)
    samples = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / RATE))) for i in range(frames))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(samples)
    return out.getvalue()


class FakeSpeech(FakeServer):
    name = "speech"

    def __init__(self, *, api_key: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_key = api_key
        self.audio: dict[str, bytes] = {}
        self.ids = itertools.count(1)

    def route_of(self, request: Recorded) -> str:
        if request.path.startswith("/audio/"):
            return "GET audio"
        return super().route_of(request)

    def handle(self, request: Recorded) -> Reply:
        if request.path.startswith("/audio/"):
            data = self.audio.get(request.path.removeprefix("/audio/"))
            if data is None:
                return Reply(status=404, body=b"", content_type="text/plain")
            return Reply(body=data, content_type="audio/wav")
        if request.method != "POST" or request.path != "/v1/tts/synthesize":
            return Reply(status=404, body={"error_code": -1, "error_message": "Not found"})
        if request.headers.get("apikey") != self.api_key:
            return Reply(status=401, body={"error_code": -1, "error_message": "Invalid API key"})
        text = request.form.get("input", "")
        if not text or len(text) > 2000:
            return Reply(body={"error_code": -2, "error_message": "Input text must be 1 to 2000 characters"})
        name = f"{next(self.ids)}.wav"
        self.audio[name] = tone(min(0.06 * len(text.split()), 5.0))
        host = request.headers.get("host", "127.0.0.1")
        return Reply(
            body={"error_code": 0, "error_message": "Successful.", "data": {"url": f"http://{host}/audio/{name}"}}
        )
