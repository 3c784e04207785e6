"""Enqueue cost per delivery, against a plain INSERT measured in the same run.

Scheduling a delivery writes the Delivery row (unique per article and channel), checks the
constraint, and enqueues its task on the Django Tasks database backend, in one transaction.
The baseline is one INSERT of a row of similar width in its own transaction, on the same
database. Usage: .venv/bin/python bench/channels_enqueue.py [N] (DATABASE_URL picks the
database; a fresh SQLite file under bench/out/ by default).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
OUT.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_SECRET_KEY", "bench-only")
os.environ["XASO_TASK_BACKEND"] = "db"
os.environ.setdefault("XASO_DATA_DIR", str(OUT / "data"))
if "DATABASE_URL" not in os.environ:
    database = OUT / "enqueue.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from xaso.channels.models import ChannelKind  # noqa: E402
from xaso.channels.services import channel_account_create, deliveries_schedule, publication_create  # noqa: E402
from xaso.demo.loaders import load_organisation  # noqa: E402
from xaso.units.models import OrgUnit  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    call_command("migrate", verbosity=0)
    load_organisation(lambda _: None)
    commune = OrgUnit.objects.get(code="ls-hvt")
    account = channel_account_create(
        commune=commune,
        kind=ChannelKind.FACEBOOK,
        name="Trang thử",
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        remote_id="1",
        credentials={"page_access_token": "bench"},
    )
    publications = [
        publication_create(commune=commune, title=f"Bài thử {i}", summary="Tóm tắt", link=f"https://x.example/{i}")
        for i in range(n)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_baseline (id INTEGER PRIMARY KEY, publication_id INTEGER, account_id INTEGER, "
            "state VARCHAR(16), publish_at TIMESTAMP, payload TEXT)"
            if connection.vendor == "sqlite"
            else "CREATE TABLE bench_baseline (id SERIAL PRIMARY KEY, publication_id INTEGER, account_id INTEGER, "
            "state VARCHAR(16), publish_at TIMESTAMP, payload TEXT)"
        )

    started = time.perf_counter()
    for publication in publications:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_baseline (publication_id, account_id, state, publish_at, payload) "
                "VALUES (%s, %s, %s, CURRENT_TIMESTAMP, %s)",
                [publication.pk, account.pk, "queued", "{}"],
            )
    baseline = (time.perf_counter() - started) / n

    started = time.perf_counter()
    for publication in publications:
        with transaction.atomic():
            deliveries_schedule(publication=publication, accounts=[account])
    enqueue = (time.perf_counter() - started) / n

    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path="xaso.channels.tasks.deliver").count()
    assert queued == n, queued
    print(f"database: {connection.vendor}, deliveries: {n}")
    print(f"baseline plain INSERT (own transaction): {baseline * 1000:.3f} ms")
    print(f"schedule + enqueue one delivery:         {enqueue * 1000:.3f} ms")
    print(f"ratio: {enqueue / baseline:.1f}x")


if __name__ == "__main__":
    main()
