"""Real worker processes for the crash and race tests: a database both this test and the
subprocesses use, a Redis server, and `manage.py` commands with the fakes' URLs."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)


def shared_database_url(tmp_path: Path) -> str:
    """PostgreSQL: the test database itself. SQLite: the in-memory test database copied to a file
    (subprocesses cannot open another process's memory); read results back with `read_rows`."""
    config = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}:"
            f"{config['PORT'] or 5432}/{config['NAME']}"
        )
    path = tmp_path / "shared.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def read_rows(database_url: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return list(db.execute(sql, params).fetchall())
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("?", "%s"), params)
        return list(cursor.fetchall())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(tmp_path: Path) -> tuple[str, subprocess.Popen[bytes] | None]:
    """XASO_REDIS_URL when CI provides one, else our own redis-server on a free port."""
    given = os.environ.get("XASO_REDIS_URL")
    if given:
        # Parallel test processes (pytest-xdist "gw0", "gw1"…) each take a database of their own.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        if worker.startswith("gw"):
            given = f"{given.rsplit('/', 1)[0]}/{1 + int(worker[2:]) % 15}"
        return given, None
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server không có: chạy bin/setup để cài gói redis-server của Debian.")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return url, process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server không khởi động được.")


def environment(*, database_url: str, **overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DATABASE_URL=database_url,
        XASO_SECRET_KEY=settings.SECRET_KEY,
        XASO_DELIVERY_LEASE_SECONDS="3",
        XASO_DELIVERY_BACKOFF_SECONDS="1",
        XASO_STATIC_MANIFEST="0",
        DJANGO_SETTINGS_MODULE="xaso.settings",
    )
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A manage.py command in its own process group, so that SIGKILL reaches its children too."""
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc: RQ's work horse leaves its parent's process
    group (setpgrp), so a signal to the group alone would let it finish the delivery."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: list[int] = []
    frontier = [pid]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker and everything it forked, as a power cut would."""
    for pid in _descendants(process.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> str:
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        output, _ = process.communicate()
        raise AssertionError("Tiến trình không kết thúc kịp:\n" + output.decode(errors="replace")) from None
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    return text
