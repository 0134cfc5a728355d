"""The SQLite file that holds users, their access tokens, their profiles and the profiles' schedules.

One connection, used only from the server's event loop: each statement takes well under a
millisecond, so a thread pool would cost more than it saves. What could block the loop is a lock
held by another process; the busy timeout is therefore short, and a request that meets a lock is
answered 503 with Retry-After (storage/errors.py) instead of waiting. WAL mode lets other
processes read the file while the server runs, and readers never wait for writers. Access tokens
are stored as SHA-256 digests, never in clear.

Each profile row keeps its answer ready: ``document``, the JSON the API returns, rewritten in the
same statement that changes its schedules. A read copies documents out (a list of any length is
one statement and one string), and an update writes one row. The stored field text is spliced in
as it was written, so numbers and extra fields come back unchanged.
"""

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Literal

from buffer_profiles_testkit.server.storage.file_check import StoreError, check_database, refusal

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 20
# The log is cut back to this when it starts over (storage/checkpoints.py sees that it does).
WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024

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
    -- the schedules as a JSON array of {"days": [...], "times": [...]}
    schedules TEXT NOT NULL DEFAULT '[]',
    -- the profile as the API answers it
    document TEXT NOT NULL DEFAULT ''
);
CREATE INDEX profiles_in_order ON profiles(user_id, position, id);
"""

# Version 1 kept schedules in a table of their own, a row each, and no documents.
_MIGRATION_FROM_1 = """
ALTER TABLE profiles ADD COLUMN schedules TEXT NOT NULL DEFAULT '[]';
ALTER TABLE profiles ADD COLUMN document TEXT NOT NULL DEFAULT '';
UPDATE profiles SET schedules = '[' || coalesce((
    SELECT group_concat('{"days":' || s.days || ',"times":' || s.times || '}', ',')
    FROM (SELECT days, times FROM schedules WHERE profile_id = profiles.id ORDER BY position) AS s
), '') || ']';
DROP TABLE schedules;
DROP INDEX profiles_by_user;
CREATE INDEX profiles_in_order ON profiles(user_id, position, id);
"""


def _document(schedules: str) -> str:
    """SQL for a profile's answer from the row's columns and the schedules expression ``schedules``:
    id and user_id first, then the schedules, then the stored fields (an object's text, "{}" when empty)."""
    return (
        """'{"id":' || json_quote(id) || ',"user_id":' || json_quote(user_id) || ',"schedules":' || """
        + schedules
        + """ || CASE WHEN fields = '{}' THEN '}' ELSE ',' || substr(fields, 2) END"""
    )


Schedule = dict[str, list[str]]
Profile = dict[str, Any]
ProfileField = Literal["document", "schedules", "service"]

# The SQL of each field a request may read of one profile: a fixed expression, never input.
_PROFILE_FIELDS: dict[ProfileField, str] = {
    "document": "profiles.document",
    "schedules": "profiles.schedules",
    "service": "json_extract(profiles.fields, '$.service')",
}
# A user's profiles as one JSON array (bytes), in their order; {user} is the SQL of the user's id.
_PROFILES_ARRAY = (
    "SELECT CAST('[' || coalesce(group_concat(document, ','), '') || ']' AS BLOB)"
    " FROM (SELECT document FROM profiles WHERE profiles.user_id = {user} ORDER BY position, id)"
)


_REPLACE_SCHEDULES = f"UPDATE profiles SET schedules = ?1, document = {_document('?1')} WHERE id = ?2 AND user_id = ?3"
# One encoder, made once: json.dumps() with separators makes a new one on every call.
_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))


def _compact_json(value: Any) -> str:
    return _COMPACT_JSON.encode(value)


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
            self._db.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT_BYTES}")
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

    def leave_checkpoints_to_others(self) -> None:
        """Commits stop checkpointing the WAL; a :class:`~server.storage.checkpoints.BackgroundCheckpoints` does it."""
        self._db.execute("PRAGMA wal_autocheckpoint = 0")

    def _create_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        # Statement by statement: executescript() would commit the open transaction first.
        with self._transaction():
            for statement in (_SCHEMA if version == 0 else _MIGRATION_FROM_1).split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"UPDATE profiles SET document = {_document('schedules')}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)

    def user_for_token(self, token: str) -> str | None:
        row = self._db.execute(
            "SELECT user_id FROM access_tokens WHERE token_sha256 = ?", (token_digest(token),)
        ).fetchone()
        return None if row is None else str(row[0])

    def profiles_json(self, user_id: str) -> bytes:
        """The user's profiles as a JSON array: one statement, one string, however many there are.

        As bytes straight from SQLite: megabytes of profiles are neither decoded nor encoded again.
        """
        row = self._db.execute(_PROFILES_ARRAY.format(user="?"), (user_id,)).fetchone()
        return bytes(row[0])

    def profile_json(self, user_id: str, profile_id: str) -> str | None:
        """One of the user's profiles as a JSON object; None if the user has no such profile."""
        return self._profile_column(user_id, profile_id, "document")

    def schedules_json(self, user_id: str, profile_id: str) -> str | None:
        """The profile's schedules as a JSON array; None if the user has no such profile."""
        return self._profile_column(user_id, profile_id, "schedules")

    # A request's token and the data it asks for are read in one statement: each statement is a
    # read transaction of its own, with its locks on the WAL index, so one costs half of two.

    def token_and_profiles(self, token: str) -> tuple[str, bytes] | None:
        """The user of ``token`` and their profiles as :meth:`profiles_json`; None for an unknown token."""
        row = self._db.execute(
            f"SELECT user_id, ({_PROFILES_ARRAY.format(user='access_tokens.user_id')})"
            " FROM access_tokens WHERE token_sha256 = ?",
            (token_digest(token),),
        ).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]))

    def token_and_profile(self, token: str, profile_id: str, field: ProfileField) -> tuple[str, str | None] | None:
        """The user of ``token`` and ``field`` of their profile ``profile_id`` (None if they have no
        such profile); None for an unknown token."""
        row = self._db.execute(
            f"SELECT access_tokens.user_id, profiles.id IS NOT NULL, {_PROFILE_FIELDS[field]}"
            " FROM access_tokens LEFT JOIN profiles ON profiles.id = ? AND profiles.user_id = access_tokens.user_id"
            " WHERE token_sha256 = ?",
            (profile_id, token_digest(token)),
        ).fetchone()
        if row is None:
            return None
        return str(row[0]), (str(row[2]) if row[1] else None)

    def get_schedules(self, user_id: str, profile_id: str) -> list[Schedule] | None:
        schedules = self.schedules_json(user_id, profile_id)
        return None if schedules is None else list(json.loads(schedules))

    def replace_schedules(self, user_id: str, profile_id: str, schedules: list[Schedule]) -> bool:
        """Replace all of the profile's schedules, and its document, in one statement; False if no such profile."""
        cursor = self._db.execute(_REPLACE_SCHEDULES, (_compact_json(schedules), profile_id, user_id))
        return cursor.rowcount == 1

    def add_user(self, user_id: str, tokens: list[str], profiles: list[Profile]) -> list[str]:
        """Add a user with tokens and profiles, keeping whatever of it the file already holds.

        Rows that exist are left as they are, so restarting with the same fixtures keeps every
        change made since; a token or profile id that belongs to another user is a conflict.
        Returns the ids of the profiles kept that differ from the ones given (so that a caller can say so).
        """
        kept = []
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
                fields = {key: value for key, value in profile.items() if key not in ("id", "user_id", "schedules")}
                row = (_compact_json(fields), _compact_json(profile["schedules"]))
                stored = self._db.execute(
                    "SELECT user_id, fields, schedules FROM profiles WHERE id = ?", (profile["id"],)
                ).fetchone()
                if stored is None:
                    self._db.execute(
                        "INSERT INTO profiles (id, user_id, position, fields, schedules) VALUES (?, ?, ?, ?, ?)",
                        (profile["id"], user_id, position, *row),
                    )
                    self._db.execute(
                        f"UPDATE profiles SET document = {_document('schedules')} WHERE id = ?", (profile["id"],)
                    )
                elif stored[0] != user_id:
                    raise StoreError(f"profile {profile['id']} already belongs to another user")
                elif tuple(stored[1:]) != row:
                    kept.append(str(profile["id"]))
        return kept

    def count_users(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM users").fetchone()[0])

    def reset(self) -> None:
        """Remove every user, token, profile and schedule, in one transaction (for tests)."""
        with self._transaction():
            for table in ("profiles", "access_tokens", "users"):
                self._db.execute(f"DELETE FROM {table}")

    def _owner(self, query: str, key: str) -> str | None:
        row = self._db.execute(query, (key,)).fetchone()
        return None if row is None else str(row[0])

    def _profile_column(self, user_id: str, profile_id: str, field: ProfileField) -> str | None:
        row = self._db.execute(
            f"SELECT {_PROFILE_FIELDS[field]} FROM profiles WHERE id = ? AND user_id = ?",
            (profile_id, user_id),
        ).fetchone()
        return None if row is None else str(row[0])


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
