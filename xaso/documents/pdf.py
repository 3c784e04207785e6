"""DOCX and XLSX to PDF with LibreOffice headless (Debian's libreoffice-writer-nogui and
libreoffice-calc-nogui).

Each conversion runs its own soffice process with its own user profile: two soffice processes
sharing a profile would hand the job to the first one or fail on the profile lock, so concurrent
calls (two workers, two threads) never share one. Profiles are reused once free, since building a
fresh one costs LibreOffice a second or more at start-up. A conversion that hangs is killed with
its whole process group after `timeout` seconds.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from xaso.documents.fonts import fontconfig_env

# What the official reads; the operator finds the command in the log (and bin/setup installs it).
ERR_NOT_INSTALLED = "Máy chủ chưa sẵn sàng tạo tệp PDF (không tìm thấy {command}); xin báo quản trị hệ thống."
ERR_NOT_DOCX = "Tệp đưa vào không phải là văn bản DOCX hợp lệ."
ERR_NOT_XLSX = "Tệp đưa vào không phải là bảng tính XLSX hợp lệ."
ERR_NO_CALC = (
    "Máy chủ chưa sẵn sàng in bảng tính ra PDF (thiếu LibreOffice Calc, gói libreoffice-calc-nogui); "
    "xin báo quản trị hệ thống."
)
ERR_TIMEOUT = "LibreOffice không chuyển xong văn bản sang PDF trong {seconds} giây; đã dừng tiến trình."
ERR_FAILED = "LibreOffice không chuyển được văn bản sang PDF (mã lỗi {code}). {detail}"
ERR_NO_OUTPUT = "LibreOffice chạy xong nhưng không tạo ra tệp PDF. {detail}"

_DETAIL_LIMIT = 500
# The spreadsheet module and its import/export filters (Debian's libreoffice-calc-nogui), next to soffice.
CALC_LIBRARIES = ("libsclo.so", "libscfiltlo.so")


class PdfConversionError(RuntimeError):
    """LibreOffice could not convert the document; the message is Vietnamese, for the user."""


class _ProfilePool:
    """LibreOffice user profiles, each used by one conversion at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free: list[Path] = []
        self._base: Path | None = None

    @contextlib.contextmanager
    def profile(self) -> Iterator[Path]:
        with self._lock:
            if self._base is None or not self._base.exists():
                self._base = Path(tempfile.mkdtemp(prefix=f"xaso-soffice-{os.getpid()}-"))
                self._free = []
                atexit.register(shutil.rmtree, self._base, ignore_errors=True)
            path = self._free.pop() if self._free else Path(tempfile.mkdtemp(dir=self._base))
        healthy = False
        try:
            yield path
            healthy = True
        finally:
            with self._lock:
                if healthy:
                    self._free.append(path)
                else:
                    # A killed or failed LibreOffice may leave a locked or half-written profile.
                    shutil.rmtree(path, ignore_errors=True)


_profiles = _ProfilePool()


def soffice_command() -> str:
    return str(getattr(settings, "DOCUMENTS_SOFFICE", "soffice"))


def docx_to_pdf(docx_bytes: bytes, *, timeout: float | None = None) -> bytes:
    """The PDF rendering of a DOCX; raises PdfConversionError with a Vietnamese message."""
    if not docx_bytes.startswith(b"PK"):
        raise PdfConversionError(ERR_NOT_DOCX)
    return _convert(docx_bytes, name="van-ban.docx", export="pdf:writer_pdf_Export", calc=False, timeout=timeout)


def xlsx_to_pdf(xlsx_bytes: bytes, *, timeout: float | None = None) -> bytes:
    """The PDF a workbook prints to in LibreOffice Calc (every sheet, with its page setup); raises
    PdfConversionError with a Vietnamese message, ERR_NO_CALC when only Writer is installed."""
    if not xlsx_bytes.startswith(b"PK"):
        raise PdfConversionError(ERR_NOT_XLSX)
    return _convert(xlsx_bytes, name="bang-tinh.xlsx", export="pdf:calc_pdf_Export", calc=True, timeout=timeout)


def calc_installed(executable: str) -> bool:
    """Whether the LibreOffice that `executable` starts has Calc and its XLSX filter: without them
    soffice opens a workbook as nothing it can print and says only "no export filter"."""
    program = Path(os.path.realpath(executable)).parent
    return all((program / library).exists() for library in CALC_LIBRARIES)


def _convert(data: bytes, *, name: str, export: str, calc: bool, timeout: float | None) -> bytes:
    command = soffice_command()
    executable = shutil.which(command)
    if executable is None:
        raise PdfConversionError(ERR_NOT_INSTALLED.format(command=command))
    if calc and not calc_installed(executable):
        raise PdfConversionError(ERR_NO_CALC)
    seconds = timeout if timeout is not None else float(getattr(settings, "DOCUMENTS_PDF_TIMEOUT", 120))
    with tempfile.TemporaryDirectory(prefix="xaso-pdf-") as work, _profiles.profile() as profile:
        source = Path(work) / name
        source.write_bytes(data)
        out_dir = Path(work) / "pdf"
        args = [
            executable,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nofirststartwizard",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            export,
            "--outdir",
            str(out_dir),
            str(source),
        ]
        code, output = _run(args, seconds=seconds, cwd=work)
        target = out_dir / f"{Path(name).stem}.pdf"
        detail = _detail(output)
        if code != 0:
            raise PdfConversionError(ERR_FAILED.format(code=code, detail=detail).strip())
        if not target.exists() or target.stat().st_size == 0:
            raise PdfConversionError(ERR_NO_OUTPUT.format(detail=detail).strip())
        return target.read_bytes()


def _run(args: list[str], *, seconds: float, cwd: str) -> tuple[int, str]:
    # A session of its own, so that a timeout kills soffice.bin and its helpers, not only the
    # shell script that started them.
    process = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
        args,
        cwd=cwd,
        # Lay out with the project's fonts only: Liberation Serif 2, never its 1.x twin (see fonts.py).
        env=fontconfig_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfConversionError(ERR_TIMEOUT.format(seconds=f"{seconds:g}")) from exc
    return process.returncode, output.decode("utf-8", errors="replace")


def _detail(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip() and not line.startswith("convert ")]
    return " ".join(lines)[:_DETAIL_LIMIT]
