"""From a reading script to an MP3 or OGG file with its exact duration.

Long scripts are read in chunks (paragraph by paragraph, sentences kept whole), so that
progress can be shown and a hosted service's length limit is respected; the chunks' WAV
frames are joined with a short pause, then encoded by lame (MP3) or oggenc (OGG Vorbis).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass

from xaso.channels.broadcast.speech import SpeechBackend, SpeechError

ERR_EMPTY = "Bản đọc trống, không có gì để đọc."
ERR_ENCODER = "Máy chủ chưa sẵn sàng tạo tệp âm thanh (thiếu {tool}); xin báo quản trị hệ thống."
ERR_ENCODE = "Không mã hóa được âm thanh: {detail}"
ERR_MIXED = "Các đoạn âm thanh có định dạng khác nhau; không ghép được."
PAUSE_SECONDS = 0.5
ENCODERS = {
    "mp3": ("lame", "lame", ["--quiet", "-V", "5", "-", "-"]),
    "ogg": ("oggenc", "vorbis-tools", ["-Q", "-q", "3", "-o", "-", "-"]),
}
_SENTENCE = re.compile(r"(?<=[.!?;:…])\s+")


@dataclass
class Rendered:
    data: bytes
    duration_seconds: float
    synthesis_seconds: float


def chunks(script: str, *, max_chars: int) -> list[str]:
    """Paragraphs, split at sentence ends when longer than max_chars (words if a sentence is)."""
    pieces: list[str] = []
    for paragraph in (p.strip() for p in script.splitlines()):
        if not paragraph:
            continue
        current = ""
        for sentence in _SENTENCE.split(paragraph):
            while len(sentence) > max_chars:
                cut = sentence.rfind(" ", 0, max_chars)
                cut = cut if cut > 0 else max_chars
                pieces.append(sentence[:cut].strip())
                sentence = sentence[cut:].strip()
            if current and len(current) + 1 + len(sentence) > max_chars:
                pieces.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}".strip()
        if current:
            pieces.append(current)
    return pieces


def render(
    script: str, *, backend: SpeechBackend, audio_format: str, progress: Callable[[int], None] | None = None
) -> Rendered:
    parts = chunks(script, max_chars=backend.max_chars)
    if not parts:
        raise SpeechError(ERR_EMPTY)
    started = time.perf_counter()
    params: wave._wave_params | None = None
    frames = io.BytesIO()
    for index, text in enumerate(parts, start=1):
        with wave.open(io.BytesIO(backend.synthesise(text))) as chunk:
            chunk_params = chunk.getparams()
            if params is None:
                params = chunk_params
            elif chunk_params[:3] != params[:3]:
                raise SpeechError(ERR_MIXED)
            frames.write(chunk.readframes(chunk.getnframes()))
            frames.write(
                b"\0" * int(chunk_params.framerate * PAUSE_SECONDS) * chunk_params.sampwidth * chunk_params.nchannels
            )
        if progress:
            progress(int(index * 95 / len(parts)))
    assert params is not None
    joined = io.BytesIO()
    with wave.open(joined, "wb") as out:
        out.setnchannels(params.nchannels)
        out.setsampwidth(params.sampwidth)
        out.setframerate(params.framerate)
        out.writeframes(frames.getvalue())
    frame_count = len(frames.getvalue()) // (params.sampwidth * params.nchannels)
    duration = frame_count / params.framerate
    encoded = encode(joined.getvalue(), audio_format=audio_format)
    if progress:
        progress(100)
    return Rendered(data=encoded, duration_seconds=duration, synthesis_seconds=time.perf_counter() - started)


def encode(wav: bytes, *, audio_format: str) -> bytes:
    tool, package, arguments = ENCODERS[audio_format]
    binary = shutil.which(tool)
    if binary is None:
        raise SpeechError(ERR_ENCODER.format(tool=tool, package=package))
    done = subprocess.run([binary, *arguments], input=wav, capture_output=True, timeout=600, check=False)  # noqa: S603
    if done.returncode != 0 or not done.stdout:
        raise SpeechError(ERR_ENCODE.format(detail=done.stderr.decode(errors="replace")[:200]))
    return done.stdout
