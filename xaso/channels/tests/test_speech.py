"""Speech for the loudspeakers: espeak-ng offline, a hosted service over HTTP, the same interface."""

import io
import wave

import pytest

from xaso.channels.broadcast.audio import chunks, render
from xaso.channels.broadcast.speech import ERR_HOSTED_KEY, EspeakBackend, HostedBackend, SpeechError, speech_backend
from xaso.channels.fakes.speech import FakeSpeech

SCRIPT = (
    "Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã ban hành kế hoạch.\n"
    "Đến năm hai nghìn không trăm ba mươi, ít nhất tám mươi phần trăm người dân được tiếp cận thông tin."
)


@pytest.fixture
def speech():
    with FakeSpeech(api_key="tts-key-0123456789") as fake:
        yield fake


def test_espeak_reads_vietnamese_into_a_wav():
    data = EspeakBackend().synthesise("Xin chào bà con.")
    with wave.open(io.BytesIO(data)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getnframes() / wav.getframerate() > 0.5


@pytest.mark.parametrize(("audio_format", "magic"), [("mp3", (b"ID3", b"\xff\xfb", b"\xff\xf3")), ("ogg", (b"OggS",))])
def test_a_script_becomes_an_encoded_file_with_its_duration_and_progress(audio_format, magic):
    seen: list[int] = []
    rendered = render(SCRIPT, backend=EspeakBackend(), audio_format=audio_format, progress=seen.append)
    assert rendered.data.startswith(magic)
    assert 5 < rendered.duration_seconds < 40
    assert seen == sorted(seen)
    assert seen[-1] == 100
    assert len(seen) >= 3


def test_long_scripts_are_read_in_chunks_that_keep_sentences_whole():
    sentence = "Bà con chú ý lắng nghe thông báo của Ủy ban nhân dân xã. "
    parts = chunks(sentence * 100, max_chars=300)
    assert all(len(part) <= 300 for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert " ".join(parts) == (sentence * 100).strip()


def test_the_hosted_service_is_called_by_its_protocol_and_gives_the_same_kind_of_audio(speech):
    backend = HostedBackend(base_url=speech.url, api_key="tts-key-0123456789")
    rendered = render(SCRIPT, backend=backend, audio_format="mp3")
    calls = speech.calls("POST /v1/tts/synthesize")
    assert [c.form["input"] for c in calls] == SCRIPT.splitlines()
    assert calls[0].headers["apikey"] == "tts-key-0123456789"
    assert calls[0].form["encode_type"] == "0"
    assert len(speech.calls("GET audio")) == 2
    assert rendered.duration_seconds > 1


def test_the_hosted_service_errors_become_a_clear_message(speech):
    with pytest.raises(SpeechError, match="Invalid API key"):
        HostedBackend(base_url=speech.url, api_key="sai").synthesise("Xin chào")
    with pytest.raises(SpeechError) as caught:
        HostedBackend(base_url=speech.url, api_key="").synthesise("Xin chào")
    assert str(caught.value) == ERR_HOSTED_KEY


def test_settings_choose_the_backend(settings, speech):
    assert isinstance(speech_backend(), EspeakBackend)
    settings.SPEECH_BACKEND = "hosted"
    settings.SPEECH_URL = speech.url
    assert isinstance(speech_backend(), HostedBackend)
