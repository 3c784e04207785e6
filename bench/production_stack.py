"""The production stack under load, through nginx (wrk from Debian for HTTP throughput).

Starts the stack as CI does (.ci/prod-stack without its smoke test, with the benchmark's bare view
added: bench/portal_settings.py): nginx, two gunicorn instances, two RQ workers, the scheduler,
PostgreSQL, Redis, object storage (moto), the demo data. Then, in the same run:

1. front cache: the demo article (anonymous, a front-cache hit) against nginx serving the same
   bytes as a static file — wrk, 2 threads, 32 connections, each address in turn, twice;
2. cache miss: the article with a new query string on every request (a miss in nginx's cache and
   in the app's: the page is rendered) against /bench-bare/, a bare Django view through the same
   middleware and nginx — wrk, 2 threads, 16 connections;
3. mixed load for 60 s: 200 anonymous readers (home, sections, articles; one page per second
   each: wrk, 200 connections pausing 0.5–1.5 s between requests, so that the load generator
   written in C takes little of the CPU the servers share with it) and 50 reporters (each logged in as a reporter of a unit of xã Hoàng Văn Thụ) saving an
   activity with a photo as evidence through the back-office form, then pausing 5 s — like a
   village head who uploads a photo and reads the confirmation. Errors, p50, p95.

Usage: .venv/bin/python bench/production_stack.py [seconds of mixed load]
Results: bench/results/production_stack.md
"""

from __future__ import annotations

import io
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
PREFIX = ROOT / "bench" / "out" / "prod-stack"
RESULTS = ROOT / "bench" / "results" / "production_stack.md"
PORT = int(os.environ.get("XASO_STACK_PORT", "18080"))
BASE = f"http://127.0.0.1:{PORT}"
HOST = "localhost"
REPORTERS = 50
READERS = 200
PASSWORD = "XaSo@2025"  # noqa: S105 - the demo's password, local benchmark only


def start_stack() -> None:
    env = {
        **os.environ,
        "XASO_STACK_PREFIX": str(PREFIX),
        "XASO_STACK_KEEP": "1",
        "XASO_STACK_SMOKE": "0",
        "XASO_STACK_SETTINGS": "bench.portal_settings",
        "XASO_STACK_DB": "xaso_prodbench",
        "XASO_STACK_REDIS_DB": "12",
    }
    subprocess.run([str(ROOT / ".ci" / "prod-stack")], env=env, check=True)  # noqa: S603


def stop_stack() -> None:
    # Every process of the stack left its pid under PREFIX/run; moto's S3 server beside it.
    subprocess.run([str(ROOT / "deploy" / "stack"), "stop", "--prefix", str(PREFIX)], check=False)  # noqa: S603
    moto = PREFIX / "moto.pid"
    if moto.exists():
        subprocess.run(["kill", moto.read_text().strip()], check=False)  # noqa: S603,S607


def load_environment() -> None:
    for line in (PREFIX / "xaso.env").read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            os.environ[key] = value
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.portal_settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare() -> tuple[str, list[str], list[str]]:
    """The article with the most content, the pages readers read, and 50 reporters' user names."""
    from django.contrib.auth import get_user_model

    from xaso.portal.models import ArticlePage
    from xaso.testing.factories import grant
    from xaso.units.models import OrgUnit, Role, UnitKind

    article = max(ArticlePage.objects.live().public(), key=lambda page: len(page.body.raw_data))
    pages = [page.url for page in ArticlePage.objects.live().public()] + ["/", "/nghi-quyet-57/"]
    units = list(OrgUnit.objects.filter(commune__code="ls-hvt").exclude(kind=UnitKind.COMMUNE).order_by("pk"))
    names = []
    for number in range(1, REPORTERS + 1):
        name = f"bench.baocao{number:02d}"
        user, created = get_user_model().objects.get_or_create(username=name, defaults={"first_name": name})
        if created:
            user.set_password(PASSWORD)
            user.save()
            grant(user, units[number % len(units)], Role.REPORTER)
        names.append(name)
    return str(article.url), pages, names


def wrk_command(*, connections: int, seconds: int, script: Path | None = None) -> list[str]:
    # A 30 s timeout: a slow answer is measured as slow, not dropped from the latencies as wrk's
    # default 2 s timeout does (errors are then only real ones: refused, reset, not 2xx/3xx).
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "--latency"]
    command += ["-H", f"Host: {HOST}"]
    return command + (["-s", str(script)] if script is not None else [])


def wrk_errors(out: str) -> int:
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s*(\d+)", out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return errors + (sum(int(n) for n in socket.groups()) if socket else 0)


def wrk(path: str, *, connections: int, seconds: int, script: Path | None = None) -> dict[str, float]:
    command = wrk_command(connections=connections, seconds=seconds, script=script)
    out = subprocess.run([*command, BASE + path], capture_output=True, text=True, check=True).stdout  # noqa: S603
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return {"rps": rps, "p50": _ms(out, "50%"), "p99": _ms(out, "99%"), "errors": wrk_errors(out)}


def _ms(out: str, label: str) -> float:
    match = re.search(rf"{re.escape(label)}\s+([\d.]+)(us|ms|s)", out)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


MISS_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", wrk.path .. "?lan=" .. counter .. "-" .. math.random(1, 1000000000))
end
"""


def front_cache(article: str) -> list[tuple[str, dict[str, float]]]:
    from django.conf import settings

    static = Path(settings.STATIC_ROOT) / "bench" / "article.html"
    static.parent.mkdir(parents=True, exist_ok=True)
    session = requests.Session()
    for _ in range(5):  # until nginx answers from its cache: those are the bytes compared
        hit = session.get(BASE + article, headers={"Host": HOST})
        if hit.headers.get("X-Cache") == "HIT":
            break
    assert hit.headers.get("X-Cache") == "HIT", hit.headers
    static.write_bytes(hit.content)
    rows = []
    for _ in range(2):
        rows.append(("front cache (article)", wrk(article, connections=32, seconds=10)))
        rows.append(("nginx static (same bytes)", wrk("/static/bench/article.html", connections=32, seconds=10)))
    return rows


def cache_miss(article: str) -> list[tuple[str, dict[str, float]]]:
    script = PREFIX / "miss.lua"
    script.write_text(MISS_SCRIPT)
    rows = []
    for _ in range(2):
        rows.append(("bare Django view", wrk("/bench-bare/", connections=16, seconds=10)))
        rows.append(("article, cache miss", wrk(article, connections=16, seconds=10, script=script)))
    return rows


READERS_SCRIPT = """
local pages = {%s}
request = function()
  return wrk.format("GET", pages[math.random(#pages)])
end
-- each connection is one reader: a page, then 0.5 to 1.5 s of reading
delay = function()
  return math.random(500, 1500)
end
done = function(summary, latency, requests)
  io.write(string.format("READERS requests=%%d p50=%%d p95=%%d\\n",
    summary.requests, latency:percentile(50), latency:percentile(95)))
end
"""


def readers_start(pages: list[str], seconds: int) -> subprocess.Popen[str]:
    script = PREFIX / "readers.lua"
    script.write_text(READERS_SCRIPT % ", ".join(f'"{page}"' for page in pages))
    command = wrk_command(connections=READERS, seconds=seconds, script=script)
    return subprocess.Popen([*command, BASE + "/"], stdout=subprocess.PIPE, text=True)  # noqa: S603


def readers_tally(process: subprocess.Popen[str], tally: Tally) -> None:
    out, _ = process.communicate()
    summary = re.search(r"READERS requests=(\d+) p50=(\d+) p95=(\d+)", out)
    assert summary is not None, out
    requests_, p50, p95 = (int(n) for n in summary.groups())
    errors = wrk_errors(out)
    tally.readers = {"count": requests_, "errors": errors, "p50": p50 / 1000, "p95": p95 / 1000}


def jpeg(seed: int) -> bytes:
    from PIL import Image

    random.seed(seed)
    image = Image.effect_noise((480, 360), 40).convert("RGB")  # about 100 KB, like a phone photo shrunk
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {"form": [], "save": []}
        self.errors: dict[str, int] = {"form": 0, "save": 0}
        self.examples: list[str] = []
        self.readers: dict[str, float] = {}

    def add(self, kind: str, seconds: float, ok: bool, example: str = "") -> None:
        with self.lock:
            if ok:
                self.latencies[kind].append(seconds)
            else:
                self.errors[kind] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {example}")


def timed(tally: Tally, kind: str, call: Any, ok: Any) -> Any:
    started = time.monotonic()
    try:
        answer = call()
    except requests.RequestException as exc:
        tally.add(kind, 0, False, repr(exc))
        return None
    good = ok(answer)
    tally.add(kind, time.monotonic() - started, good, f"{answer.status_code} {answer.url}")
    return answer if good else None


def reporter_session(name: str) -> requests.Session:
    session = requests.Session()
    session.headers["Host"] = HOST
    page = session.get(BASE + "/quan-tri/login/", timeout=60)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    answer = session.post(
        BASE + "/quan-tri/login/",
        data={"csrfmiddlewaretoken": token, "username": name, "password": PASSWORD},
        headers={"Referer": BASE + "/quan-tri/login/"},
        timeout=60,
    )
    assert "sessionid" in session.cookies, (name, answer.status_code)
    return session


def reporter(session: requests.Session, number: int, until: float, tally: Tally, pause: float = 5) -> None:
    from deploy.smoke import activity_form_data  # the smoke test's reading of the same form

    add = BASE + "/quan-tri/hoat-dong/danh-sach/add/"
    photo = jpeg(number)
    count = 0
    time.sleep(random.uniform(0, pause))
    while time.monotonic() < until:
        form = timed(tally, "form", lambda: session.get(add, timeout=30), lambda a: a.status_code == 200)
        if form is not None:
            count += 1
            data = activity_form_data(form.text, f"Họp thôn {number}-{count}")
            timed(
                tally,
                "save",
                lambda data=data: session.post(
                    add,
                    data=data,
                    files={"evidence-0-file": ("anh-hop-thon.jpg", photo, "image/jpeg")},
                    headers={"Referer": add},
                    allow_redirects=False,
                    timeout=60,
                ),
                lambda a: a.status_code == 302,
            )
        time.sleep(pause)


def mixed(pages: list[str], names: list[str], seconds: int) -> tuple[Tally, Tally]:
    import deploy.smoke  # noqa: F401 - imported once here, not by 50 threads at once

    sessions = [reporter_session(name) for name in names]
    # First one reporter alone for 15 s (nothing else from this benchmark running): what a save
    # costs on this machine today, the floor under the latencies measured with everyone at once.
    alone = Tally()
    reporter(sessions[0], 0, time.monotonic() + 15, alone, pause=0.5)
    tally = Tally()
    readers = readers_start(pages, seconds)
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=reporter, args=(session, number, until, tally))
        for number, session in enumerate(sessions, 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    readers_tally(readers, tally)
    return alone, tally


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def report(
    article: str,
    front: list[Any],
    miss: list[Any],
    mixed: tuple[Tally, Tally],
    seconds: int,
    loads: list[tuple[float, float, float]],
) -> str:
    alone, tally = mixed
    start, before, after = (", ".join(f"{n:.1f}" for n in load) for load in loads)
    lines = [
        "# The production stack through nginx",
        "",
        f"Date: {datetime.now().astimezone():%Y-%m-%d %H:%M %z}  ",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, shared with "
        f"other sessions' test runs; the load generators (wrk, the reporters' Python threads) run on the same "
        f"CPUs. Load average (1, 5, 15 min) before starting the stack {start}; before the mixed load {before}; "
        f"after it {after}. Python {platform.python_version()}  ",
        "Stack: .ci/prod-stack (bin/deploy --no-systemd): nginx-light, 2 gunicorn instances (gthread, 2 workers × 4 "
        "threads each), 2 RQ workers, the scheduler, PostgreSQL 15, Redis, object storage served by moto; the demo "
        "data.  ",
        f"Article: {article}. Load generator: wrk (Debian), same machine.",
        "",
        "## Front cache against nginx serving the same bytes as a static file (wrk -t2 -c32 -d10s, alternating)",
        "",
        "| address | requests/s | p50 (ms) | p99 (ms) | errors |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in front:
        lines.append(f"| {name} | {row['rps']:,.0f} | {row['p50']:.2f} | {row['p99']:.2f} | {row['errors']} |")
    hit = statistics.mean(row["rps"] for name, row in front if name.startswith("front"))
    static = statistics.mean(row["rps"] for name, row in front if name.startswith("nginx"))
    lines += ["", f"**Front-cached article / static file: {hit / static:.2f}×** (target ≥ 0.5×)", ""]
    lines += [
        "## Cache miss against a bare Django view (wrk -t2 -c16 -d10s, alternating)",
        "",
        "Every request of the article carries a new query string: nginx's cache and the app's page cache",
        "both miss and Wagtail renders the page. The bare view returns 100 bytes through the same",
        "middleware, gunicorn and nginx.",
        "",
        "| address | requests/s | p50 (ms) | p99 (ms) | errors |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, row in miss:
        lines.append(f"| {name} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p99']:.1f} | {row['errors']} |")
    bare = statistics.mean(row["rps"] for name, row in miss if name.startswith("bare"))
    render = statistics.mean(row["rps"] for name, row in miss if name.startswith("article"))
    lines += [
        "",
        f"**Cache-miss article / bare view: {render / bare:.3f}×** (before: 0.02× in the issue, 0.01× in "
        "bench/results/portal.md on SQLite with sync workers; target ≥ 0.04×)",
        "",
    ]
    lines += [
        f"## Mixed load: {READERS} anonymous readers and {REPORTERS} reporters saving activities with evidence, "
        f"{seconds} s, PostgreSQL",
        "",
        "Readers (wrk, one connection each): a page, then 0.5–1.5 s of reading (home, the section, the "
        "articles). Reporters (Python threads, each logged in): open the activity form, save it with a ~100 KB "
        "JPEG as evidence (multipart, the back office's own form), wait 5 s.",
        "",
        "| request | count | errors | p50 (ms) | p95 (ms) |",
        "| --- | --- | --- | --- | --- |",
        f"| anonymous page | {tally.readers['count']:.0f} | {tally.readers['errors']:.0f} | "
        f"{tally.readers['p50']:.0f} | {tally.readers['p95']:.0f} |",
    ]
    rows = [(tally, "form", "reporter opens the form"), (tally, "save", "reporter saves")]
    rows += [(alone, "form", "*one reporter alone, 15 s before: opens the form*")]
    rows += [(alone, "save", "*one reporter alone, 15 s before: saves*")]
    for source, kind, label in rows:
        values = source.latencies[kind]
        lines.append(
            f"| {label} | {len(values) + source.errors[kind]} | {source.errors[kind]} | "
            f"{percentile(values, 0.5):.0f} | {percentile(values, 0.95):.0f} |"
        )
    errors = sum(tally.errors.values()) + int(tally.readers["errors"])
    lines += [
        "",
        f"**Errors: {errors}; reporter saves p95 {percentile(tally.latencies['save'], 0.95):.0f} ms** "
        "(target: 0 errors, p95 ≤ 1000 ms)",
    ]
    if tally.examples:
        lines += ["", "First errors: " + "; ".join(tally.examples)]
    return "\n".join(lines) + "\n"


def main() -> None:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    loads = [os.getloadavg()]
    start_stack()
    try:
        load_environment()
        article, pages, names = prepare()
        front = front_cache(article)
        miss = cache_miss(article)
        loads.append(os.getloadavg())
        tallies = mixed(pages, names, seconds)
        loads.append(os.getloadavg())
        text = report(article, front, miss, tallies, seconds, loads)
    finally:
        stop_stack()
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
