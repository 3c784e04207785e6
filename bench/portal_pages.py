"""Requests per second for an anonymous article page, against a bare Django view on the same server.

Builds a fresh demo site (organisation, seed plan, the Resolution 57 section and its demo
articles) in bench/out/portal/, collects static files, then runs the project under gunicorn
(sync workers) twice on the same database: once with the page cache on (XASO_PAGE_CACHE=file,
the default) and once with it off. Each server answers, in the same run, the demo article and
/bench-bare/ (a view returning a 100-byte page through the same middleware). A load generator
of concurrent client threads (one new connection per request, as gunicorn's sync workers close
them) hammers each address in turn. Also measured: the article's transferred size — HTML gzipped
as a reverse proxy sends it (gzip -6), the stylesheet as WhiteNoise serves it (pre-compressed),
no script file — with images counted apart.

Usage: .venv/bin/python bench/portal_pages.py [seconds per address] [clients] [workers]
"""

from __future__ import annotations

import gzip
import http.client
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "portal"
RESULTS = ROOT / "bench" / "results" / "portal.md"
HOST = "127.0.0.1"

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "bench.portal_settings",
    "XASO_SECRET_KEY": "bench-only",
    "XASO_DATA_DIR": str(OUT),
    "DATABASE_URL": f"sqlite:///{OUT / 'portal.sqlite3'}",
    "XASO_TASK_BACKEND": "immediate",
    "XASO_DEBUG": "0",
    "XASO_STATIC_MANIFEST": "1",
    "XASO_LOG_LEVEL": "ERROR",
    "PYTHONPATH": str(ROOT),
}


def prepare() -> str:
    """A fresh demo site; returns the address of its demo article with the most content."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "portal.sqlite3").unlink(missing_ok=True)
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "from xaso.demo import loaders as L\n"
        "for step in (L.load_organisation, L.load_users, L.load_seed_plan, L.load_portal_home,\n"
        "             L.load_portal_section, L.load_portal_demo_articles):\n"
        "    step(lambda _: None)\n"
        "from xaso.portal.models import ArticlePage\n"
        "page = max(ArticlePage.objects.live(), key=lambda p: len(p.body.raw_data))\n"
        "print(page.url)\n"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=ENV, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(*, cache: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "xaso.wsgi:application",
            f"--bind={HOST}:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--log-level=error",
        ],
        env={**ENV, "XASO_PAGE_CACHE": cache},
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/bench-bare/")
            return server, port
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


def get(port: int, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    connection.request("GET", path, headers={"User-Agent": "xaso-bench", **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def load(port: int, path: str, *, seconds: float, clients: int) -> dict[str, float]:
    """Requests per second and latency percentiles with `clients` threads for `seconds`."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = get(port, path)
            mine.append(time.perf_counter() - started)
            bad += response.status != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    load_for(port, path, seconds=min(2.0, seconds / 4))  # warm up: first renders, renditions
    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(len(latencies) * 0.95)] * 1000,
        "errors": errors,
    }


def load_for(port: int, path: str, *, seconds: float) -> None:
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        get(port, path)


def transferred(port: int, path: str) -> dict[str, int]:
    page = get(port, path, {"Accept-Encoding": "gzip"})
    html: bytes = page.body  # type: ignore[attr-defined]
    sent_gzipped = page.getheader("Content-Encoding") == "gzip"
    raw = gzip.decompress(html) if sent_gzipped else html
    text = raw.decode()
    sizes = {"html": len(raw), "html_gzip": len(html) if sent_gzipped else len(gzip.compress(raw, 6))}
    css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', text)
    sizes["css"] = sizes["css_gzip"] = sizes["js_files"] = 0
    for url in css:
        plain = get(port, url).body  # type: ignore[attr-defined]
        packed = get(port, url, {"Accept-Encoding": "gzip"})
        sizes["css"] += len(plain)
        sizes["css_gzip"] += len(packed.body)  # type: ignore[attr-defined]
    sizes["js_files"] = len(scripts)
    images = set(re.findall(r'<img[^>]+src="(/media/[^"]+)"', text))
    sizes["images"] = sum(len(get(port, url).body) for url in images)  # type: ignore[attr-defined]
    sizes["image_count"] = len(images)
    sizes["foreign"] = len(re.findall(r'(?:src|href)="(?:https?:)?//(?!' + re.escape(HOST) + ")", text))
    return sizes


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    load_avg = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} logical CPUs (shared; load average {load_avg}); Python {platform.python_version()}"


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    article = prepare()
    rows = []
    sizes: dict[str, int] = {}
    for cache in ("file", "off"):
        server, port = start_server(cache=cache, workers=workers)
        try:
            if cache == "file":
                get(port, article)
                assert get(port, article).getheader("X-Page-Cache") == "hit", "the page cache did not answer"
                sizes = transferred(port, article)
            bare = load(port, "/bench-bare/", seconds=seconds, clients=clients)
            page = load(port, article, seconds=seconds, clients=clients)
            rows.append((cache, bare, page))
        finally:
            server.terminate()
            server.wait(timeout=30)
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    lines = [
        "# Portal: anonymous article page against a bare Django view",
        "",
        f"Date: {when}  ",
        f"Machine: {machine()}  ",
        f"Server: gunicorn, {workers} sync workers, SQLite (WAL); load: {clients} client threads in this process, "
        f"one new connection per request, {seconds:g} s per address after a warm-up.  ",
        f"Article: {article} (the demo article with the longest body).",
        "",
        "| page cache | address | requests/s | p50 (ms) | p95 (ms) | errors | article / bare |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for cache, bare, page in rows:
        label = "on (file)" if cache == "file" else "off"
        lines.append(
            f"| {label} | /bench-bare/ | {bare['rps']:.0f} | {bare['p50']:.1f} | {bare['p95']:.1f} | {bare['errors']:.0f} | |"
        )
        lines.append(
            f"| {label} | article | {page['rps']:.0f} | {page['p50']:.1f} | {page['p95']:.1f} | {page['errors']:.0f} "
            f"| {page['rps'] / bare['rps']:.2f} |"
        )
    lines += [
        "",
        "Transferred size of the article page (first visit, images apart):",
        "",
        "| part | bytes | gzip |",
        "| --- | --- | --- |",
        f"| HTML (inline script included) | {sizes['html']:,} | {sizes['html_gzip']:,} |",
        f"| CSS | {sizes['css']:,} | {sizes['css_gzip']:,} |",
        f"| script files | {sizes['js_files']} | |",
        f"| **total** | **{sizes['html'] + sizes['css']:,}** | **{sizes['html_gzip'] + sizes['css_gzip']:,}** |",
        f"| images ({sizes['image_count']}, AVIF/WebP/JPEG as the browser picks; the `src` fallbacks here) "
        f"| {sizes['images']:,} | |",
        "",
        f"Requests to other hosts in the page: {sizes['foreign']}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
