"""The one serif of every PDF: Liberation Serif 2 through the project's fontconfig, never its 1.x twin
that lacks most Vietnamese letters; a machine without it gets a clear message, not boxes."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from xaso.documents import fonts
from xaso.documents.fonts import FAMILY, VIETNAMESE, FontMissingError, fontconfig_env, missing_letters, serif_files


def liberation_serif_files(env: dict[str, str]) -> dict[Path, int]:
    """Every Liberation Serif file fontconfig offers under `env`, with its version (times 65536)."""
    listed = subprocess.run(  # noqa: S603
        [shutil.which("fc-list") or "fc-list", "-f", "%{file}\t%{fontversion}\n", f":family={FAMILY}"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    found = {}
    for line in listed.splitlines():
        path, _, version = line.partition("\t")
        found[Path(path)] = int(version or 0)
    return found


def test_vietnamese_is_the_134_letters_beyond_ascii():
    assert len(VIETNAMESE) == 134
    assert len(set(VIETNAMESE)) == 134


def test_the_projects_fontconfig_offers_only_the_complete_liberation_serif():
    offered = liberation_serif_files(fontconfig_env())
    assert len(offered) == 4  # regular, bold, italic, bold italic
    for path, version in offered.items():
        assert version >= fonts.MIN_VERSION, path
        assert missing_letters(path) == "", path


def test_the_systems_older_liberation_serif_is_the_one_that_lacks_letters_and_is_hidden():
    # Debian's fonts-liberation (1.07, a dependency of chromium) is what LibreOffice would otherwise mix in.
    system = liberation_serif_files({**os.environ, "FONTCONFIG_FILE": "/etc/fonts/fonts.conf"})
    hidden = set(system) - set(liberation_serif_files(fontconfig_env()))
    for path in system:
        if system[path] < fonts.MIN_VERSION:
            assert len(missing_letters(path)) > 80, path
            assert path in hidden, path


def test_serif_files_are_the_four_styles_of_version_2():
    files = serif_files()
    assert set(files) == {"regular", "bold", "italic", "bold italic"}
    assert all(path.name.startswith("LiberationSerif") for path in files.values())
    assert len(set(files.values())) == 4


def test_without_the_font_the_message_is_for_the_user_and_the_log_for_the_administrator(monkeypatch, tmp_path, caplog):
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><fontconfig><dir>/nonexistent</dir></fontconfig>')
    monkeypatch.setattr(fonts, "FONTCONFIG_FILE", empty)
    serif_files.cache_clear()
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(FontMissingError) as error:
            serif_files()
    finally:
        serif_files.cache_clear()
    assert str(error.value) == fonts.ERR_NO_FONT
    assert "fonts-liberation2" in caplog.text or "fc-match" in caplog.text
