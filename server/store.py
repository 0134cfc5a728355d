"""The SQLite file that holds users, their access tokens, their profiles and the profiles' schedules.

One connection, used only from the server's event loop: each statement takes well under a
millisecond, so a thread pool would cost more than it saves. What could block the loop is a lock
held by another process; the busy timeout is therefore short, and a request that meets a lock is
answered 503 with Retry-After (server/storage_errors.py) instead of waiting. WAL mode lets other
processes read the file while the server runs, and readers never wait for writers. Access tokens
are stored as SHA-256 digests, never in clear.

Profiles are answered as JSON text built by SQLite in one statement, whatever their number: the
stored field text is spliced in as it was written, so numbers and extra fields come back unchanged.
"""

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from server.store_check import StoreError, check_database, refusal

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 20

_SCHEMA = """
CREATE TABLE users (
    id TEXT PRIMARY KEY
);
CREATE TABLE access_tokens (
    token_sha256 TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id)
);
CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    -- every field the API returns except id, user_id and schedules, as a JSON object, so that
    -- fields beyond the spec's list (the API is open) survive as they were loaded
    fields TEXT NOT NULL,
    -- the profile as the API answers it, rewritten with its schedules: reads only copy it out
    document TEXT NOT NULL DEFAULT ''
);
CREATE INDEX profiles_in_order ON profiles(user_id, position, id);
CREATE TABLE schedules (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    days TEXT NOT NULL,
    times TEXT NOT NULL,
    PRIMARY KEY (profile_id, position)
);
"""

# Version 1 kept no documents: they are built once, and the index covers the order of a list.
_MIGRATION_FROM_1 = """
ALTER TABLE profiles ADD COLUMN document TEXT NOT NULL DEFAULT '';
DROP INDEX profiles_by_user;
CREATE INDEX profiles_in_order ON profiles(user_id, position, id);
"""

# One profile as JSON: id and user_id first, its schedules in order, then its stored fields (an
# object's text, "{}" when empty). days and times hold json.dumps() text of string lists.
_PROFILE_JSON = """
'{"id":' || json_quote(p.id) || ',"user_id":' || json_quote(p.user_id)
|| ',"schedules":[' || coalesce((
    SELECT group_concat('{"days":' || s.days || ',"times":' || s.times || '}', ',')
    FROM (SELECT days, times FROM schedules WHERE profile_id = p.id ORDER BY position) AS s
), '') || ']'
|| CASE WHEN p.fields = '{}' THEN '}' ELSE ',' || substr(p.fields, 2) END
"""

Schedule = dict[str, list[str]]
Profile = dict[str, Any]


def _compact_json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    def __init__(self, path: Path) -> None:
        """Open ``path``, creating it with its schema if missing; raise :class:`StoreError` if it is unusable."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the folder of the database {path}: {error.strerror}.") from error
        if path.exists() and not path.is_file():
            raise StoreError(f"the database {path} is not a regular file.")
        try:
            # Autocommit mode: transactions are opened explicitly, so each one is exactly as wide as written.
            self._db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as error:
            raise refusal(error, path) from error
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check_database(self._db, path, SCHEMA_VERSION)
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # durable across application crashes in WAL mode
            self._db.execute("PRAGMA foreign_keys = ON")
            self._create_schema()
        except StoreError:
            self._db.close()
            raise
        except sqlite3.Error as error:
            self._db.close()
            raise refusal(error, path) from error

    def close(self) -> None:
        self._db.close()

    def _create_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        # Statement by statement: executescript() would commit the open transaction first.
        with self._transaction():
            for statement in (_SCHEMA if version == 0 else _MIGRATION_FROM_1).split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"UPDATE profiles AS p SET document = {_PROFILE_JSON}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)

    def user_for_token(self, token: str) -> str | None:
        row = self._db.execute(
            "SELECT user_id FROM access_tokens WHERE token_sha256 = ?", (token_digest(token),)
        ).fetchone()
        return None if row is None else str(row[0])

    def profiles_json(self, user_id: str) -> str:
        """The user's profiles as a JSON array: one statement, one string, however many there are."""
        row = self._db.execute(
            "SELECT '[' || coalesce(group_concat(document, ','), '') || ']' FROM"
            " (SELECT document FROM profiles WHERE user_id = ? ORDER BY position, id)",
            (user_id,),
        ).fetchone()
        return str(row[0])

    def profile_json(self, user_id: str, profile_id: str) -> str | None:
        """One of the user's profiles as a JSON object; None if the user has no such profile."""
        row = self._db.execute(
            "SELECT document FROM profiles WHERE id = ? AND user_id = ?", (profile_id, user_id)
        ).fetchone()
        return None if row is None else str(row[0])

    def get_schedules(self, user_id: str, profile_id: str) -> list[Schedule] | None:
        if not self.has_profile(user_id, profile_id):
            return None
        return self._schedules(profile_id)

    def replace_schedules(self, user_id: str, profile_id: str, schedules: list[Schedule]) -> bool:
        """Replace all of the profile's schedules in one transaction; False if the user has no such profile."""
        with self._transaction():
            if not self.has_profile(user_id, profile_id):
                return False
            self._write_schedules(profile_id, schedules)
        return True

    def add_user(self, user_id: str, tokens: list[str], profiles: list[Profile]) -> None:
        """Add a user with tokens and profiles, keeping whatever of it the file already holds.

        Rows that exist are left as they are, so restarting with the same fixtures keeps every
        change made since; a token or profile id that belongs to another user is a conflict.
        """
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO users (id) VALUES (?)", (user_id,))
            for token in tokens:
                digest = token_digest(token)
                owner = self._owner("SELECT user_id FROM access_tokens WHERE token_sha256 = ?", digest)
                if owner is None:
                    self._db.execute(
                        "INSERT INTO access_tokens (token_sha256, user_id) VALUES (?, ?)", (digest, user_id)
                    )
                elif owner != user_id:
                    raise StoreError("an access token already belongs to another user")
            for position, profile in enumerate(profiles):
                owner = self._owner("SELECT user_id FROM profiles WHERE id = ?", profile["id"])
                if owner is None:
                    fields = {key: value for key, value in profile.items() if key not in ("id", "user_id", "schedules")}
                    self._db.execute(
                        "INSERT INTO profiles (id, user_id, position, fields) VALUES (?, ?, ?, ?)",
                        (profile["id"], user_id, position, _compact_json(fields)),
                    )
                    self._write_schedules(profile["id"], profile["schedules"])
                elif owner != user_id:
                    raise StoreError(f"profile {profile['id']} already belongs to another user")

    def _owner(self, query: str, key: str) -> str | None:
        row = self._db.execute(query, (key,)).fetchone()
        return None if row is None else str(row[0])

    def has_profile(self, user_id: str, profile_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM profiles WHERE id = ? AND user_id = ?", (profile_id, user_id)).fetchone()
        return row is not None

    def _schedules(self, profile_id: str) -> list[Schedule]:
        rows = self._db.execute(
            "SELECT days, times FROM schedules WHERE profile_id = ? ORDER BY position", (profile_id,)
        ).fetchall()
        return [{"days": json.loads(days), "times": json.loads(times)} for days, times in rows]

    def _write_schedules(self, profile_id: str, schedules: list[Schedule]) -> None:
        """Replace the profile's schedules and rewrite its document (inside the caller's transaction)."""
        self._db.execute("DELETE FROM schedules WHERE profile_id = ?", (profile_id,))
        self._db.executemany(
            "INSERT INTO schedules (profile_id, position, days, times) VALUES (?, ?, ?, ?)",
            [
                (
                    profile_id,
                    position,
                    _compact_json(schedule["days"]),
                    _compact_json(schedule["times"]),
                )
                for position, schedule in enumerate(schedules)
            ],
        )
        self._db.execute(f"UPDATE profiles AS p SET document = {_PROFILE_JSON} WHERE id = ?", (profile_id,))


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` if the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        # IMMEDIATE takes the write lock up front, so the ownership check and the write see one state.
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            try:
                self._db.execute("COMMIT")
                return
            except sqlite3.Error:
                # A COMMIT that fails (disk full, I/O error) may leave the transaction open: undo it
                # all, so that nothing is half-applied and the connection can begin the next one.
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
