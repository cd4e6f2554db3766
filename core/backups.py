"""Backups of the database and the files, and their restore (``make backup``, ``make restore``).

Why: the case records are the service's memory of the people it follows; losing them, or
restoring them wrongly, harms those people. A backup is one folder under ``BACKUP_DIR``:

- ``database.dump``: ``pg_dump --format=custom`` of the database (the encrypted fields stay
  encrypted: restoring needs the same ``FIELD_ENCRYPTION_KEYS``, kept apart from the backups);
- ``private.tar.gz``: the private files (timeline documents, form attachments, import files);
- ``media.tar.gz``: the public media (Wagtail images and documents);
- ``manifest.json``: sizes and SHA-256 of the three, tool and server versions, the applied
  migrations, fingerprints of the encryption keys, row counts of cases and referrals;
- ``SHA256SUMS``: the same checksums for ``sha256sum -c``.

The folder is written under a temporary name and renamed when complete, so a folder with
the final name is always whole. The restore checks everything it can before it writes
anything: the checksums, the tools' versions, the keys, that the target database has no
tables and the target folders are empty (unless ``force``); the database is restored in a
single transaction. The messages are for the operator, in English, and say what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

FORMAT_VERSION = 1
DATABASE_FILE = "database.dump"
PRIVATE_FILE = "private.tar.gz"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
SUMS_FILE = "SHA256SUMS"
FOLDER_PREFIX = "sil-"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says what to fix."""


@dataclass(frozen=True)
class Database:
    """Where a database is, as libpq environment variables (the password never on a command line)."""

    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls, config: dict | None = None) -> Database:
        config = config or settings.DATABASES["default"]
        if "postgresql" not in config["ENGINE"]:
            raise BackupError(
                f"Backups need PostgreSQL, but the database is {config['ENGINE'].rsplit('.', 1)[-1]}. "
                "Set DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME. (A SQLite development database "
                "is one file: copy var/db.sqlite3 while the server is stopped.)"
            )
        return cls(
            name=str(config["NAME"]),
            host=str(config.get("HOST") or ""),
            port=str(config.get("PORT") or ""),
            user=str(config.get("USER") or ""),
            password=str(config.get("PASSWORD") or ""),
            sslmode=str((config.get("OPTIONS") or {}).get("sslmode", "")),
        )

    def with_name(self, name: str) -> Database:
        return Database(name, self.host, self.port, self.user, self.password, self.sslmode)

    def environment(self) -> dict[str, str]:
        values = {
            "PGDATABASE": self.name,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGSSLMODE": self.sslmode,
        }
        base = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
        return {**base, **{key: value for key, value in values.items() if value}}

    def connect(self):
        import psycopg

        kwargs = {"dbname": self.name, "host": self.host, "port": self.port, "user": self.user}
        kwargs.update({"password": self.password} if self.password else {})
        kwargs.update({"sslmode": self.sslmode} if self.sslmode else {})
        return psycopg.connect(**{key: value for key, value in kwargs.items() if value}, autocommit=True)


# --- helpers -------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: apt-get install postgresql-client-15 (the major version must be "
            "at least the server's)."
        )
    return found


def tool_major_version(name: str) -> tuple[int, str]:
    """The major version of pg_dump or pg_restore, and its full version line."""
    line = subprocess.run([_tool(name), "--version"], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", line)
    if match is None:
        raise BackupError(f"Cannot read the version of {name} from {line!r}.")
    return int(match.group(1)), line


def _server_version(database: Database) -> tuple[int, str]:
    try:
        with database.connect() as connection:
            number = int(connection.execute("SHOW server_version_num").fetchone()[0])
            text = connection.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # noqa: BLE001 - psycopg raises many kinds; the operator needs the message
        raise BackupError(f"Cannot connect to the database {database.name!r}: {error}".strip()) from None
    return number // 10000, text


def key_fingerprints() -> list[str]:
    """Short hashes of the encryption keys: tell whether two setups share keys, reveal nothing."""
    return [hashlib.sha256(key.encode()).hexdigest()[:16] for key in settings.FIELD_ENCRYPTION_KEYS]


def private_root() -> Path:
    return Path(settings.STORAGES["private"]["OPTIONS"]["location"])


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _tar(source: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as archive:
        if source.is_dir():
            for child in sorted(source.iterdir()):
                archive.add(child, arcname=child.name)


def _applied_migrations(database: Database) -> dict[str, list[str]]:
    with database.connect() as connection:
        if connection.execute("SELECT to_regclass('django_migrations')").fetchone()[0] is None:
            return {}
        rows = connection.execute("SELECT app, name FROM django_migrations ORDER BY app, id").fetchall()
    applied: dict[str, list[str]] = {}
    for app, name in rows:
        applied.setdefault(app, []).append(name)
    return applied


def _count(database: Database, table: str) -> int | None:
    with database.connect() as connection:
        exists = connection.execute("SELECT to_regclass(%s)", [table]).fetchone()[0]
        if exists is None:
            return None
        return connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608 - fixed names


def _code_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _versions() -> dict[str, str]:
    import django
    import wagtail

    return {"python": platform.python_version(), "django": django.get_version(), "wagtail": wagtail.__version__}


# --- backup --------------------------------------------------------------------------------


def backup_create(*, backup_dir: Path | None = None, now: datetime | None = None) -> Path:
    """Write one complete backup folder under ``backup_dir`` and return its path."""
    database = Database.from_settings()
    backup_dir = Path(backup_dir or settings.BACKUP_DIR)
    dump_major, dump_line = tool_major_version("pg_dump")
    server_major, server_text = _server_version(database)
    if dump_major < server_major:
        raise BackupError(
            f"pg_dump is version {dump_major} but the server is PostgreSQL {server_major}: "
            f"install postgresql-client-{server_major} (pg_dump cannot dump a newer server)."
        )
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    final = backup_dir / f"{FOLDER_PREFIX}{stamp}"
    if final.exists():
        raise BackupError(f"{final} already exists: wait a second and run the backup again.")
    backup_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{FOLDER_PREFIX}{stamp}-partial-", dir=backup_dir))  # mode 0700
    try:
        dump = work / DATABASE_FILE
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={dump}"],
            env=database.environment(),
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip() or result.returncode}")
        _tar(private_root(), work / PRIVATE_FILE)
        _tar(media_root(), work / MEDIA_FILE)
        files = {
            name: {"size": (work / name).stat().st_size, "sha256": sha256_of(work / name)}
            for name in (DATABASE_FILE, PRIVATE_FILE, MEDIA_FILE)
        }
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": (now or datetime.now(UTC)).isoformat(),
            "database": {
                "name": database.name,
                "server_version": server_text,
                "server_major": server_major,
                "pg_dump": dump_line,
                "pg_dump_major": dump_major,
            },
            "versions": _versions(),
            "migrations": _applied_migrations(database),
            "encryption_key_fingerprints": key_fingerprints(),
            "counts": {"cases": _count(database, "cases_case"), "referrals": _count(database, "cases_referral")},
            "files": files,
        }
        (work / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        (work / SUMS_FILE).write_text("".join(f"{entry['sha256']}  {name}\n" for name, entry in files.items()))
        for child in work.iterdir():
            child.chmod(0o600)  # the backup holds personal data: readable by its owner only
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


# --- restore -------------------------------------------------------------------------------


def backup_verify(source: Path) -> dict:
    """The manifest of a whole, untampered backup folder, or a ``BackupError`` naming the bad file."""
    source = Path(source)
    manifest_path = source / MANIFEST_FILE
    if not manifest_path.is_file():
        raise BackupError(f"{source} is not a backup folder: {MANIFEST_FILE} is missing.")
    try:
        manifest = json.loads(manifest_path.read_text())
        files = manifest["files"]
    except (ValueError, KeyError, TypeError):
        raise BackupError(f"{manifest_path} is damaged (not the JSON a backup writes).") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{source} was written in backup format {manifest.get('format')!r}; this code reads 1.")
    for name in (DATABASE_FILE, PRIVATE_FILE, MEDIA_FILE):
        path = source / name
        expected = files.get(name) or {}
        if not path.is_file():
            raise BackupError(f"{path} is missing: the backup is incomplete; use another one.")
        if path.stat().st_size != expected.get("size") or sha256_of(path) != expected.get("sha256"):
            raise BackupError(
                f"{path} does not match its checksum in {MANIFEST_FILE}: the file is damaged or was changed. "
                "Do not restore it; use another backup."
            )
    return manifest


def _table_count(database: Database) -> int:
    with database.connect() as connection:
        return connection.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]


def _not_empty(folder: Path) -> bool:
    return folder.is_dir() and any(folder.iterdir())


def _unpack(archive: Path, target: Path) -> int:
    """Unpack next to ``target`` first, then move into place; return the number of files."""
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=target.parent))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(staging, filter="data")  # refuses absolute paths, '..' and device files
        count = sum(1 for path in staging.rglob("*") if path.is_file())
        shutil.copytree(staging, target, dirs_exist_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


@dataclass
class RestoreReport:
    database: str
    private_files: int
    media_files: int
    notes: list[str]


def backup_restore(
    *,
    source: Path,
    force: bool = False,
    database: Database | None = None,
    private_target: Path | None = None,
    media_target: Path | None = None,
) -> RestoreReport:
    """Restore ``source`` into an empty database and empty file folders (anything with ``force``)."""
    source = Path(source)
    database = database or Database.from_settings()
    private_target = Path(private_target or private_root())
    media_target = Path(media_target or media_root())
    manifest = backup_verify(source)
    notes: list[str] = []

    restore_major, _line = tool_major_version("pg_restore")
    if restore_major < manifest["database"]["pg_dump_major"]:
        raise BackupError(
            f"The backup was written by pg_dump {manifest['database']['pg_dump_major']} but pg_restore is "
            f"version {restore_major}: install postgresql-client-{manifest['database']['pg_dump_major']} or newer."
        )
    if not force and not set(manifest.get("encryption_key_fingerprints") or []) & set(key_fingerprints()):
        raise BackupError(
            "None of the FIELD_ENCRYPTION_KEYS of this setup was used by the backed-up site, so the encrypted "
            "fields (health notes, referral reasons) could not be read. Set FIELD_ENCRYPTION_KEYS to the keys "
            "of the site that made the backup, or pass --force to restore anyway."
        )
    backup_migrations = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    unknown = sorted(backup_migrations - _code_migrations())
    if unknown and not force:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"The backup has migrations this code does not know ({listed}...): it was made by a newer version. "
            "Deploy that version first, or pass --force."
        )
    tables = _table_count(database)
    if tables and not force:
        raise BackupError(
            f"The database {database.name!r} already has {tables} tables. Restore into an empty database "
            f"(createdb NEWNAME and point DATABASE_URL at it), or pass --force to replace its contents."
        )
    for folder in (private_target, media_target):
        if _not_empty(folder) and not force:
            raise BackupError(
                f"{folder} is not empty. Move its files away (or point PRIVATE_MEDIA_ROOT / MEDIA_ROOT at an "
                "empty folder), or pass --force to write the backup's files over them."
            )

    command = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--no-password",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={database.name}",
    ]
    if force and tables:
        command += ["--clean", "--if-exists"]
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*command, str(source / DATABASE_FILE)], env=database.environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(
            f"pg_restore failed and restored nothing (single transaction): {result.stderr.strip()[-2000:]}"
        )
    private_files = _unpack(source / PRIVATE_FILE, private_target)
    media_files = _unpack(source / MEDIA_FILE, media_target)
    missing = sorted(_code_migrations() - backup_migrations)
    if missing:
        notes.append(f"The code has {len(missing)} migrations newer than the backup: run `manage.py migrate`.")
    return RestoreReport(database.name, private_files, media_files, notes)
