"""manage.py backup and restore: what a backup holds, and what restore refuses before touching anything.
(The whole round trip — backup, wipe, restore, identical counts and checksums — runs on PostgreSQL
and object storage in CI's production-stack stage: .ci/prod-stack, deploy/smoke.py.)"""

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from xaso.access.storage import protected_storage
from xaso.activities.models import Activity
from xaso.operations.backup import (
    ERR_CHECKSUM,
    ERR_NOT_EMPTY_DB,
    BackupError,
    backup_create,
    backup_restore,
    backups_prune,
)
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

# Committed rows: pg_dump and the snapshot run on connections of their own. The database is emptied
# afterwards, as after every browser test (whose fixtures put Wagtail's roots back). Not a serialized
# rollback: on PostgreSQL, content types made again by an earlier flush have new ids and collide.
pytestmark = pytest.mark.django_db(transaction=True)
EVIDENCE = b"%PDF-1.4\n% Danh sach ky nhan\n%%EOF\n"


@pytest.fixture
def installation(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backups"
    activity(OrgUnit.objects.get(code="ls-hvt-thcs"), title="Tọa đàm chuyển đổi số")
    name = protected_storage().save("minh-chung/2026/12/abc.pdf", ContentFile(EVIDENCE))
    return name


def test_a_backup_holds_the_database_every_file_and_their_checksums(installation, settings):
    path = backup_create()
    manifest = json.loads((path / "manifest.json").read_text())
    assert path.parent == Path(settings.BACKUP_DIR)
    sqlite = connection.vendor == "sqlite"
    assert manifest["engine"] == ("sqlite" if sqlite else "postgresql")
    entry = manifest["files"]["protected"][installation]
    assert entry == {"size": len(EVIDENCE), "sha256": hashlib.sha256(EVIDENCE).hexdigest()}
    assert (path / "files" / "protected" / installation).read_bytes() == EVIDENCE
    assert manifest["tables"]["activities_activity"] == Activity.objects.count() > 0
    database = path / manifest["database"]["file"]
    assert manifest["database"]["sha256"] == hashlib.sha256(database.read_bytes()).hexdigest()
    if sqlite:
        copy = sqlite3.connect(database)
        assert copy.execute("SELECT COUNT(*) FROM activities_activity").fetchone()[0] == Activity.objects.count()
        copy.close()
    else:
        listing = subprocess.run(["pg_restore", "--list", str(database)], capture_output=True, text=True, check=True)  # noqa: S603,S607
        assert "TABLE DATA public activities_activity" in listing.stdout


def test_a_damaged_backup_is_refused_before_anything_changes(installation):
    path = backup_create()
    (path / "files" / "protected" / installation).write_bytes(b"hong")
    with pytest.raises(BackupError) as refused:
        backup_restore(path=path)
    assert str(refused.value) == ERR_CHECKSUM.format(name=f"files/protected/{installation}")
    assert Activity.objects.exists()


def test_restoring_over_data_is_refused(installation):
    path = backup_create()
    with pytest.raises(BackupError) as refused:
        backup_restore(path=path)
    assert str(refused.value).startswith(ERR_NOT_EMPTY_DB.split("(")[0])


def test_old_backups_beyond_the_kept_number_are_removed(installation, settings, capsys):
    settings.BACKUP_KEEP = 2
    root = Path(settings.BACKUP_DIR)
    for stamp in ("20260101T000000Z", "20260102T000000Z"):
        (root / f"xaso-{stamp}").mkdir(parents=True)
        (root / f"xaso-{stamp}" / "manifest.json").write_text("{}")
    call_command("backup")
    kept = sorted(p.name for p in root.glob("xaso-*"))
    assert kept[0] == "xaso-20260102T000000Z"
    assert len(kept) == 2
    assert "Đã xóa bản cũ" in capsys.readouterr().out
    assert backups_prune(keep=2) == []
