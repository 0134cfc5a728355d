"""What the server verifies about its database file before it serves anything from it.

A file that is not a database, is damaged, belongs to another application or schema, or cannot be
written is refused at start with one sentence saying which, rather than found out request by
request. The integrity check reads every page (``PRAGMA quick_check``), which takes about a second
per few hundred MiB; past ``FULL_CHECK_BYTES`` only the header and the schema are checked, so that
a large file does not delay the start by minutes.
"""

import sqlite3
from pathlib import Path

FULL_CHECK_BYTES = 256 * 1024 * 1024
_TABLES = {"users", "access_tokens", "profiles"}
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_UNREADABLE = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH}


class StoreError(Exception):
    """The file cannot be used (unreadable, corrupt, read-only, another schema) or fixtures conflict with it.

    The message says why in one sentence.
    """


def refusal(error: sqlite3.Error, path: Path) -> StoreError:
    """One sentence for an SQLite error met while opening ``path``."""
    primary = getattr(error, "sqlite_errorcode", 0) & 0xFF  # extended codes keep the primary one in the low byte
    if primary in _CORRUPT:
        return StoreError(f"the database {path} is corrupt ({error}); restore it from a copy or move it away.")
    if primary == sqlite3.SQLITE_READONLY:
        return StoreError(f"the database {path} is read-only; the server needs to write it.")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(f"the database {path} is locked by another process; try again when it is done.")
    if primary in _UNREADABLE:
        return StoreError(f"cannot read the database {path} ({error}); check its permissions and its folder's.")
    return StoreError(f"cannot use the database {path}: {error}.")


def check_database(db: sqlite3.Connection, path: Path, schema_version: int) -> None:
    """Raise :class:`StoreError` unless ``db`` is empty or this server's, intact and writable."""
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and tables:
            raise StoreError(f"the database {path} holds tables of another application ({', '.join(sorted(tables))}).")
        if not 0 <= version <= schema_version:
            raise StoreError(
                f"the database {path} has schema version {version}; this server knows version {schema_version}."
            )
        missing = _TABLES - tables
        if version > 0 and missing:
            raise StoreError(f"the database {path} lacks the tables {', '.join(sorted(missing))}.")
        if (path.stat().st_size if path.exists() else 0) <= FULL_CHECK_BYTES:
            problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise StoreError(f"the database {path} is corrupt: {'; '.join(problems)[:300]}.")
        # A write that is rolled back: the one way to learn that the file or its folder is read-only.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(f"PRAGMA user_version = {version}")
        finally:
            db.execute("ROLLBACK")
    except sqlite3.Error as error:
        raise refusal(error, path) from error
