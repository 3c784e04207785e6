"""Backups of an installation: the database and every stored file, with a manifest of checksums.

A backup is a folder BACKUP_DIR/xaso-<UTC time>/:
  database.dump      pg_dump's custom format (PostgreSQL), or
  database.sqlite3   SQLite's online backup (a consistent copy while the site runs);
  files/<storage>/…  every file of the "default", "private" and "protected" storages, read through
                     the storage API (local disk or object storage alike);
  manifest.json      when, which database, each table's row count in the snapshot, each file's size
                     and SHA-256 — restore checks all of them before and after.

Consistency: on PostgreSQL the row counts are taken inside the very snapshot pg_dump saves
(pg_export_snapshot). Files are copied after the database: stored names are random and never
overwritten, so every file a saved row names already exists when it is copied; files uploaded
later are extra, never missing. A folder is written under a temporary name and renamed when
complete, so a half-written backup never looks like one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import connection, connections

STORAGE_ALIASES = ("default", "private", "protected")
MANIFEST = "manifest.json"
FORMAT = 1

ERR_NOT_EMPTY_DB = "CSDL đích không trống ({tables} bảng): chỉ khôi phục vào một CSDL trống."
ERR_NOT_EMPTY_FILES = "Kho tệp «{alias}» không trống: chỉ khôi phục vào một kho tệp trống."
ERR_CHECKSUM = "Tệp sao lưu {name} không khớp mã kiểm tra: bản sao lưu bị hỏng, không khôi phục."
ERR_NO_MANIFEST = "Không thấy {path}: đây không phải một bản sao lưu của Xã số."
ERR_ENGINE = "Bản sao lưu là của {saved}, CSDL đích là {target}: không khôi phục được."


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Inventory:
    tables: dict[str, int]
    files: dict[str, dict[str, dict[str, Any]]]  # alias -> name -> {size, sha256}


def _engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _sha256(handle: Any) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def storage_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file of a storage, recursively, by the API both disk and object storage speak."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(folders):
        yield from storage_names(storage, str(PurePosixPath(folder, sub)) if folder else sub)


def files_inventory() -> dict[str, dict[str, dict[str, Any]]]:
    result: dict[str, dict[str, dict[str, Any]]] = {}
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        entries: dict[str, dict[str, Any]] = {}
        for name in storage_names(storage):
            with storage.open(name, "rb") as handle:
                digest, size = _sha256(handle)
            entries[name] = {"size": size, "sha256": digest}
        result[alias] = entries
    return result


def table_counts(cursor: Any = None) -> dict[str, int]:
    own = cursor is None
    cursor = cursor or connection.cursor()
    try:
        names = sorted(connection.introspection.table_names(cursor))
        quote = connection.ops.quote_name
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # noqa: S608 - names from the catalogue
            counts[name] = int(cursor.fetchone()[0])
        return counts
    finally:
        if own:
            cursor.close()


def inventory() -> Inventory:
    return Inventory(tables=table_counts(), files=files_inventory())


def _pg_env() -> dict[str, str]:
    db = connections["default"].settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    env.update({"PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or ""), "PGUSER": str(db["USER"])})
    env.update({"PGDATABASE": str(db["NAME"])})
    return {key: value for key, value in env.items() if value != ""}


PG_DUMP, PG_RESTORE = "pg_dump", "pg_restore"  # Debian's postgresql-client, on PATH


def _dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump of the snapshot a connection of its own exports, and the row counts of that same
    snapshot (its own connection: the caller's may be inside a transaction already)."""
    own = connections.create_connection("default")
    try:
        with own.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                subprocess.run(  # noqa: S603 - PostgreSQL client tools from PATH
                    [
                        shutil.which(PG_DUMP) or PG_DUMP,
                        "--format=custom",
                        "--no-owner",
                        "--no-privileges",
                        f"--snapshot={snapshot}",
                        "--file",
                        str(target),
                    ],
                    env=_pg_env(),
                    check=True,
                    capture_output=True,
                )
                counts = table_counts(cursor)
            finally:
                cursor.execute("ROLLBACK")
    finally:
        own.close()
    return counts


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        names = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in sorted(names)}  # noqa: S608
    finally:
        copy.close()


def backup_create(*, directory: Path | None = None, now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now(tz=dt.UTC)
    root = Path(directory or settings.BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"xaso-{now:%Y%m%dT%H%M%SZ}"
    work = root / f".{final.name}.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    engine = _engine()
    database_file = work / ("database.dump" if engine == "postgresql" else "database.sqlite3")
    tables = _dump_postgresql(database_file) if engine == "postgresql" else _dump_sqlite(database_file)
    with database_file.open("rb") as handle:
        database_sha, database_size = _sha256(handle)
    files: dict[str, dict[str, dict[str, Any]]] = {}
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        files[alias] = {}
        for name in storage_names(storage):
            destination = work / "files" / alias / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            with destination.open("rb") as handle:
                digest, size = _sha256(handle)
            files[alias][name] = {"size": size, "sha256": digest}
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "engine": engine,
        "database": {"file": database_file.name, "size": database_size, "sha256": database_sha},
        "tables": tables,
        "files": files,
    }
    (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    work.rename(final)
    return final


def backups_prune(*, directory: Path | None = None, keep: int | None = None) -> list[Path]:
    """Keeps the newest `keep` complete backups (names sort by time), removes older ones."""
    root = Path(directory or settings.BACKUP_DIR)
    keep = settings.BACKUP_KEEP if keep is None else keep
    complete = sorted(path for path in root.glob("xaso-*") if (path / MANIFEST).exists())
    removed = complete[: max(0, len(complete) - keep)]
    for path in removed:
        shutil.rmtree(path)
    return removed


def manifest_read(path: Path) -> dict[str, Any]:
    manifest_path = path / MANIFEST
    if not manifest_path.exists():
        raise BackupError(ERR_NO_MANIFEST.format(path=manifest_path))
    return dict(json.loads(manifest_path.read_text()))


def backup_verify_files(path: Path, manifest: dict[str, Any]) -> None:
    database = manifest["database"]
    with (path / database["file"]).open("rb") as handle:
        if _sha256(handle)[0] != database["sha256"]:
            raise BackupError(ERR_CHECKSUM.format(name=database["file"]))
    for alias, entries in manifest["files"].items():
        for name, entry in entries.items():
            with (path / "files" / alias / name).open("rb") as handle:
                if _sha256(handle)[0] != entry["sha256"]:
                    raise BackupError(ERR_CHECKSUM.format(name=f"files/{alias}/{name}"))


def _database_empty() -> None:
    """PostgreSQL: no table at all (pg_restore creates them); SQLite: no row (the file is replaced)."""
    with connection.cursor() as cursor:
        counts = table_counts(cursor)
    filled = list(counts) if _engine() == "postgresql" else [name for name, count in counts.items() if count]
    if filled:
        raise BackupError(ERR_NOT_EMPTY_DB.format(tables=len(filled)))


def backup_restore(*, path: Path) -> Inventory:
    """Into an empty database and empty storages; checks every checksum first, and returns what
    is there afterwards (the caller compares it with the manifest)."""
    manifest = manifest_read(path)
    if manifest["engine"] != _engine():
        raise BackupError(ERR_ENGINE.format(saved=manifest["engine"], target=_engine()))
    backup_verify_files(path, manifest)
    _database_empty()
    for alias in STORAGE_ALIASES:
        if next(storage_names(storages[alias]), None) is not None:
            raise BackupError(ERR_NOT_EMPTY_FILES.format(alias=alias))
    database_file = path / manifest["database"]["file"]
    if manifest["engine"] == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603 - PostgreSQL client tools from PATH
            [
                shutil.which(PG_RESTORE) or PG_RESTORE,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                _pg_env()["PGDATABASE"],
                str(database_file),
            ],
            env=_pg_env(),
            check=True,
            capture_output=True,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(database_file)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    for alias, entries in manifest["files"].items():
        storage = storages[alias]
        for name in entries:
            with (path / "files" / alias / name).open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(ERR_NOT_EMPTY_FILES.format(alias=alias))
    connection.close()
    return inventory()


def inventory_differences(manifest: dict[str, Any], found: Inventory) -> list[str]:
    """What differs between a backup's manifest and an installation (empty when identical)."""
    problems = []
    for table in sorted(set(manifest["tables"]) | set(found.tables)):
        saved, now = manifest["tables"].get(table), found.tables.get(table)
        if saved != now:
            problems.append(f"bảng {table}: sao lưu {saved}, hiện có {now}")
    for alias in STORAGE_ALIASES:
        saved_files, now_files = manifest["files"].get(alias, {}), found.files.get(alias, {})
        for name in sorted(set(saved_files) | set(now_files)):
            if saved_files.get(name, {}).get("sha256") != now_files.get(name, {}).get("sha256"):
                problems.append(f"tệp {alias}/{name}: khác nhau hoặc thiếu")
    return problems
