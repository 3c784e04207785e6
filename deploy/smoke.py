"""Smoke test of the production stack, through nginx, as people use it (.ci/prod-stack runs it).

With the installation's environment loaded (the same file the processes read), against the stack
deploy/stack started under --prefix:
 1. /healthz answers 200 with every check passing; static files are immutable and gzipped;
 2. a village head (reporter) logs in, records an activity with a photo as evidence, downloads it
    back through /tep/ (Django checks, nginx sends it from object storage); anonymous readers and
    direct requests to nginx's internal location get nothing;
 3. an anonymous article comes from nginx's front cache; a signed-in reader bypasses it; a new
    version published is what nginx serves within one second;
 4. the programme owner has the consolidated report rendered by an RQ worker and downloads it;
 5. a second rendering: its worker is killed (SIGKILL, with its work horse) mid-task, and the task
    is taken up again and finishes; the killed worker is started again;
 6. everything stops; backup → wipe (database dropped, bucket emptied) → restore; every table's row
    count and every stored file's checksum are compared with before the backup.
Prints one line per check and "N passed, 0 failed"; exits non-zero at the first failure."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

PASSED: list[str] = []


class SmokeError(AssertionError):
    pass


def check(condition: Any, message: object) -> None:
    if not condition:
        raise SmokeError(str(message))


def step(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            result = function(*args, **kwargs)
            PASSED.append(name)
            print(f"PASSED {name} ({time.monotonic() - started:.1f} s)", flush=True)
            return result

        return run

    return decorate


def wait_for(predicate: Callable[[], Any], *, timeout: float, interval: float = 0.2, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise SmokeError(f"timed out after {timeout:.0f} s waiting for {what}")


class Site:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.host = "localhost"

    def session(self) -> requests.Session:
        session = requests.Session()
        session.headers["Host"] = self.host
        return session

    def url(self, path: str) -> str:
        return self.base + path


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(match, "no CSRF token in the form")
    assert match is not None
    return match.group(1)


def log_in(site: Site, username: str) -> requests.Session:
    """The back office's log-in form, then — for the roles that need one — the second factor: the
    code the person's authenticator app shows now, computed from their device (set up here if the
    demo person has none yet, as they would on their first log-in)."""
    from django.contrib.auth import get_user_model

    from xaso.demo.loaders import DEMO_PASSWORD
    from xaso.testing.second_factor import authenticator_for, needs_second_factor, totp_code

    user = get_user_model().objects.get(username=username)
    device = authenticator_for(user) if needs_second_factor(user) else None
    session = site.session()
    page = session.get(site.url("/quan-tri/login/"))
    check(page.status_code == 200, f"log-in page answered {page.status_code}")
    answer = session.post(
        site.url("/quan-tri/login/"),
        data={"csrfmiddlewaretoken": csrf_token(page.text), "username": username, "password": DEMO_PASSWORD},
        headers={"Referer": site.url("/quan-tri/login/")},
    )
    check(answer.status_code == 200, f"log-in of {username} answered {answer.status_code}")
    if "/quan-tri/login/" in answer.url:
        raise SmokeError(f"{username} could not log in")
    if "/quan-tri/xac-thuc/" in answer.url:
        check(device is not None, f"{username} was asked for a second factor without a device")
        assert device is not None
        # One code opens one log-in; a person logging in twice within 30 s waits for the next code.
        type(device).objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        device.refresh_from_db()
        answer = session.post(
            answer.url,
            data={"csrfmiddlewaretoken": csrf_token(answer.text), "code": totp_code(device)},
            headers={"Referer": answer.url},
        )
        check("/quan-tri/xac-thuc/" not in answer.url, f"{username}'s second factor was refused")
    check("sessionid" in session.cookies, f"{username} got no session")
    return session


def article_and_owner() -> tuple[Any, Any]:
    from xaso.portal.models import ArticlePage

    article = ArticlePage.objects.live().public().order_by("pk").first()
    check(article is not None, "the demo has no live article")
    assert article is not None
    return article, article.get_url()


@step("healthz: every check passes, nothing sensitive")
def check_health(site: Site) -> None:
    answer = site.session().get(site.url("/healthz"))
    check(answer.status_code == 200, f"/healthz answered {answer.status_code}: {answer.text}")
    body = answer.json()
    check(body["status"] == "ok", body)
    check({"database", "redis", "queues", "disk", "scheduler"} <= set(body["checks"]), body)
    text = answer.text
    for secret in (settings.DATABASES["default"]["NAME"], str(settings.DATA_DIR), "xaso:xaso", "127.0.0.1"):
        check(secret not in text, f"/healthz reveals {secret!r}")


@step("static files: hashed names immutable, gzip")
def check_static(site: Site, article_url: str) -> None:
    page = site.session().get(site.url(article_url))
    match = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.text)
    check(match, "no hashed stylesheet in the article page")
    assert match is not None
    answer = site.session().get(site.url(match.group(1)), headers={"Accept-Encoding": "gzip"})
    check(answer.status_code == 200, f"stylesheet answered {answer.status_code}")
    check("immutable" in answer.headers.get("Cache-Control", ""), answer.headers)
    check(answer.headers.get("Content-Encoding") == "gzip", answer.headers)
    plain = site.session().get(site.url(article_url), headers={"Accept-Encoding": "gzip"})
    check(plain.headers.get("Content-Encoding") == "gzip", "portal pages are not gzipped by nginx")


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def activity_form_data(html: str, title: str) -> dict[str, Any]:
    unit = re.search(r'<select name="unit"[^>]*>.*?<option value="(\d+)"', html, re.S)
    task = re.search(r'<input type="checkbox" name="tasks" value="(\d+)"', html)
    check(unit and task, "the activity form has no unit or task to choose")
    assert unit is not None
    assert task is not None
    return {
        "csrfmiddlewaretoken": csrf_token(html),
        "unit": unit.group(1),
        "kind": "conference",
        "status": "recorded",
        "title": title,
        "date_start": time.strftime("%Y-%m-%d"),
        "date_end": "",
        "audience": "residents",
        "participants": "30",
        "officials": "2",
        "pupils": "0",
        "residents": "28",
        "reach": "",
        "url": "",
        "tasks": [task.group(1)],
        "description": "Kiểm thử khói của máy chủ sản xuất.",
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "photo",
        "evidence-0-caption": "Quang cảnh buổi họp",
        "evidence-0-ORDER": "1",
        "evidence-0-id": "",
        "evidence-0-DELETE": "",
    }


def activity_save(site: Site, session: requests.Session, title: str, photo: bytes) -> requests.Response:
    add = site.url("/quan-tri/hoat-dong/danh-sach/add/")
    form = session.get(add)
    check(form.status_code == 200, f"activity form answered {form.status_code}")
    return session.post(
        add,
        data=activity_form_data(form.text, title),
        files={"evidence-0-file": ("hop-thon.jpg", photo, "image/jpeg")},
        headers={"Referer": add},
        allow_redirects=False,
    )


@step("reporter records an activity with evidence and downloads it through the protected location")
def check_evidence(site: Site) -> None:
    from xaso.activities.models import Activity

    session = log_in(site, "thon.napan")
    photo = jpeg_bytes()
    title = f"Kiểm thử khói {time.time():.0f}"
    saved = activity_save(site, session, title, photo)
    check(saved.status_code == 302, f"saving the activity answered {saved.status_code}")
    activity = Activity.objects.get(title=title)
    name = activity.evidence.get().file.name
    address = site.url(f"/tep/{name}")
    download = session.get(address)
    check(download.status_code == 200, f"evidence download answered {download.status_code}")
    check(download.content == photo, "the evidence downloaded differs from the one uploaded")
    check(download.headers.get("Cache-Control") == "private, no-store", download.headers)
    leaked = [name for name in download.headers if name.lower().startswith(("x-amz", "access-control"))]
    check(not leaked, f"the store's headers reach the reader: {leaked}")
    anonymous = site.session().get(address, allow_redirects=False)
    check(anonymous.status_code in (302, 404) and photo not in anonymous.content, "an anonymous reader got it")
    bucket = settings.S3_BUCKET
    for internal in (f"/_protected_s3/{bucket}/protected/{name}", f"/_protected/{name}"):
        check(site.session().get(site.url(internal)).status_code == 404, f"{internal} is reachable")


@step("front cache: anonymous hit, signed-in bypass, new version within one second of publishing")
def check_front_cache(site: Site, article: Any, article_url: str) -> float:
    reader = site.session()
    reader.get(site.url(article_url))
    second = reader.get(site.url(article_url))
    check(second.headers.get("X-Cache") == "HIT", f"second anonymous read: {second.headers.get('X-Cache')}")
    editor = log_in(site, "thon.napan")
    check(editor.get(site.url(article_url)).headers.get("X-Cache") == "BYPASS", "a signed-in reader was cached")

    marker = f"Bản mới {time.time():.0f}"
    page = article.specific
    page.intro = f"{marker}. {page.intro}"
    page.save_revision().publish()
    published = time.monotonic()
    # Staleness is when a request that still got the old version was sent; rendering the new
    # version for the first reader takes what it takes on a loaded machine and is not staleness.
    while True:
        sent = time.monotonic() - published
        body = site.session().get(site.url(article_url)).text
        if marker in body:
            break
        check(sent < 1.0, f"nginx still served the old version to a request sent {sent:.2f} s after publishing")
        time.sleep(0.02)
    answered = time.monotonic() - published
    print(
        f"    new version for requests sent {sent * 1000:.0f} ms after publishing"
        f" (answered at {answered * 1000:.0f} ms)",
        flush=True,
    )
    return sent


def owner_period() -> Any:
    from xaso.reporting.models import ReportingPeriod

    period = ReportingPeriod.objects.filter(commune__code="ls-hvt").order_by("-pk").first()
    check(period is not None, "the demo has no reporting period")
    return period


def consolidate(site: Site, session: requests.Session, period: Any) -> Any:
    from xaso.documents.models import RenderJob

    before = set(RenderJob.objects.values_list("pk", flat=True))
    address = site.url(f"/quan-tri/bao-cao/ky/{period.pk}/")
    page = session.get(address)
    check(page.status_code == 200, f"period page answered {page.status_code}")
    answer = session.post(
        address,
        data={"csrfmiddlewaretoken": csrf_token(page.text), "action": "consolidate", "number": "", "issued_on": ""},
        headers={"Referer": address},
        allow_redirects=False,
    )
    check(answer.status_code == 302, f"asking for the consolidated report answered {answer.status_code}")
    job = RenderJob.objects.exclude(pk__in=before).get()
    return job


def job_state(job: Any) -> Any:
    job.refresh_from_db()
    return job


@step("consolidated report rendered by an RQ worker and downloaded")
def check_consolidated(site: Site) -> None:
    from xaso.documents.models import RenderStatus

    session = log_in(site, "vhxh.lan")
    job = consolidate(site, session, owner_period())
    wait_for(lambda: job_state(job).is_finished, timeout=240, interval=0.5, what="the consolidated report")
    check(job.status == RenderStatus.DONE, f"rendering ended {job.status}: {job.error}")
    for kind, magic in (("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")):
        answer = session.get(site.url(f"/van-ban/{job.pk}/{kind}/"))
        check(answer.status_code == 200, f"{kind} download answered {answer.status_code}")
        check(answer.content.startswith(magic), f"the {kind} downloaded is not one")
    anonymous = site.session().get(site.url(f"/van-ban/{job.pk}/pdf/"), allow_redirects=False)
    check(anonymous.status_code in (302, 403, 404), "an anonymous reader got the consolidated report")


def worker_of(job: Any, prefix: Path) -> tuple[int, int]:
    """(index, pid) of the stack's worker running the job's RQ task."""
    import django_rq
    from rq.job import Job

    rq_job = Job.fetch(job.task_result_id, connection=django_rq.get_connection("documents"))
    name = rq_job.worker_name or ""
    check(name, "the RQ job names no worker")
    index = int(name.rsplit("-", 1)[1])
    pid = int((prefix / "run" / f"worker-{index}.pid").read_text())
    return index, pid


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)  # noqa: S603,S607
    return [int(line) for line in found.stdout.split()]


@step("a worker killed mid-task: the rendering is taken up again and finishes")
def check_worker_kill(site: Site, prefix: Path) -> None:
    from xaso.documents.models import RenderStatus

    session = log_in(site, "vhxh.lan")
    job = consolidate(site, session, owner_period())
    wait_for(
        lambda: job_state(job).status == RenderStatus.RUNNING and job.task_result_id,
        timeout=120,
        interval=0.05,
        what="a worker to start the rendering",
    )
    index, pid = worker_of(job, prefix)
    for victim in [*children(pid), pid]:  # the work horse first, then the worker: as the OOM killer would
        os.kill(victim, signal.SIGKILL)
    killed_at = time.monotonic()
    print(f"    killed worker-{index} (pid {pid}) at {job.progress} %", flush=True)
    wait_for(
        lambda: job_state(job).status == RenderStatus.DONE, timeout=300, interval=0.5, what="the retried rendering"
    )
    check(job.attempt >= 2, f"the rendering finished without a second attempt ({job.attempt})")
    print(f"    finished by another worker {time.monotonic() - killed_at:.0f} s after the kill", flush=True)
    # As systemd's Restart=always would: the killed worker comes back.
    log = (prefix / "log" / f"worker-{index}.log").open("ab")
    process = subprocess.Popen(  # noqa: S603
        [str(ROOT / "deploy" / "run"), "worker", str(index)], stdout=log, stderr=log, start_new_session=True
    )
    (prefix / "run" / f"worker-{index}.pid").write_text(str(process.pid))
    answer = session.get(site.url(f"/van-ban/{job.pk}/pdf/"))
    check(answer.status_code == 200 and answer.content.startswith(b"%PDF"), "the retried report does not download")


def manage(*args: str) -> str:
    done = subprocess.run(  # noqa: S603
        [str(ROOT / "deploy" / "run"), "manage", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SmokeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wipe(database: str) -> None:
    """Drop and create the database, empty the bucket and the local folders: a new machine."""
    import boto3

    url = settings.DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(  # noqa: S603
        ["psql", url, "-q", "-c", f"DROP DATABASE {database} WITH (FORCE)", "-c", f"CREATE DATABASE {database}"],  # noqa: S607
        check=True,
    )
    options = settings.S3_OPTIONS
    bucket = boto3.resource(
        "s3",
        endpoint_url=options["endpoint_url"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
        region_name=options["region_name"],
    ).Bucket(settings.S3_BUCKET)
    bucket.objects.all().delete()
    check(not list(bucket.objects.all()), "the bucket is not empty after the wipe")


@step("backup → wipe → restore: every table's row count and every file's checksum identical")
def check_backup_restore(prefix: Path, database: str) -> None:
    subprocess.run([str(ROOT / "deploy" / "stack"), "stop", "--prefix", str(prefix)], check=True)  # noqa: S603
    before = json.loads(manage("inventory"))
    output = manage("backup")
    path = Path(output.strip().splitlines()[0].split(" vào ", 1)[1])
    manifest = json.loads((path / "manifest.json").read_text())
    wipe(database)
    print(manage("restore", str(path)).strip(), flush=True)
    after = json.loads(manage("inventory"))
    check(before["tables"] == manifest["tables"], "the manifest's counts differ from the installation's")
    differing = [t for t in before["tables"] if before["tables"][t] != after["tables"].get(t)]
    check(not differing and set(before["tables"]) == set(after["tables"]), f"row counts differ: {differing}")
    check(before["files"] == after["files"], "stored files differ after the restore")
    files = sum(len(entries) for entries in after["files"].values())
    rows = sum(after["tables"].values())
    print(f"    {len(after['tables'])} tables, {rows} rows, {files} files identical", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", type=Path, required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--database", required=True)
    args = parser.parse_args()
    site = Site(args.base_url)
    started = time.monotonic()
    try:
        check_health(site)
        article, article_url = article_and_owner()
        check_static(site, article_url)
        check_evidence(site)
        check_front_cache(site, article, article_url)
        check_consolidated(site)
        check_worker_kill(site, args.prefix)
        check_backup_restore(args.prefix, args.database)
    except SmokeError as failure:
        print(f"FAILED: {failure}", flush=True)
        print(f"{len(PASSED)} passed, 1 failed")
        sys.exit(1)
    print(f"{len(PASSED)} passed, 0 failed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
