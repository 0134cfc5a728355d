"""The SQLite file that holds users, their access tokens, their profiles and the profiles' schedules.

One connection, used only from the server's event loop: each statement takes well under a
millisecond, so a thread pool would cost more than it saves. WAL mode lets other processes read
the file while the server runs. Access tokens are stored as SHA-256 digests, never in clear.
"""

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

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
    fields TEXT NOT NULL
);
CREATE INDEX profiles_by_user ON profiles(user_id, position);
CREATE TABLE schedules (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    days TEXT NOT NULL,
    times TEXT NOT NULL,
    PRIMARY KEY (profile_id, position)
);
"""

Schedule = dict[str, list[str]]
Profile = dict[str, Any]


class StoreError(Exception):
    """The file cannot be used (a newer schema) or fixtures conflict with what it holds."""


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, so each one is exactly as wide as written.
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = NORMAL")  # durable across application crashes in WAL mode
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA busy_timeout = 5000")
        self._create_schema()

    def close(self) -> None:
        self._db.close()

    def _create_schema(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version != 0:
            raise StoreError(f"database schema version {version}; this server knows version {SCHEMA_VERSION}")
        # Statement by statement: executescript() would commit the open transaction first.
        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)

    def user_for_token(self, token: str) -> str | None:
        row = self._db.execute(
            "SELECT user_id FROM access_tokens WHERE token_sha256 = ?", (token_digest(token),)
        ).fetchone()
        return None if row is None else str(row[0])

    def list_profiles(self, user_id: str) -> list[Profile]:
        rows = self._db.execute(
            "SELECT id, user_id, fields FROM profiles WHERE user_id = ? ORDER BY position, id", (user_id,)
        ).fetchall()
        return [self._profile(row) for row in rows]

    def get_profile(self, user_id: str, profile_id: str) -> Profile | None:
        row = self._db.execute(
            "SELECT id, user_id, fields FROM profiles WHERE id = ? AND user_id = ?", (profile_id, user_id)
        ).fetchone()
        return None if row is None else self._profile(row)

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
                        (profile["id"], user_id, position, json.dumps(fields)),
                    )
                    self._write_schedules(profile["id"], profile["schedules"])
                elif owner != user_id:
                    raise StoreError(f"profile {profile['id']} already belongs to another user")

    def reset(self) -> None:
        """Remove every user, token, profile and schedule, in one transaction (for tests)."""
        with self._transaction():
            for table in ("schedules", "profiles", "access_tokens", "users"):
                self._db.execute(f"DELETE FROM {table}")

    def _owner(self, query: str, key: str) -> str | None:
        row = self._db.execute(query, (key,)).fetchone()
        return None if row is None else str(row[0])

    def profile_service(self, user_id: str, profile_id: str) -> str | None:
        """The profile's service (``twitter``, ...); None if the user has no such profile."""
        row = self._db.execute(
            "SELECT json_extract(fields, '$.service') FROM profiles WHERE id = ? AND user_id = ?", (profile_id, user_id)
        ).fetchone()
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
        self._db.execute("DELETE FROM schedules WHERE profile_id = ?", (profile_id,))
        self._db.executemany(
            "INSERT INTO schedules (profile_id, position, days, times) VALUES (?, ?, ?, ?)",
            [
                (profile_id, position, json.dumps(schedule["days"]), json.dumps(schedule["times"]))
                for position, schedule in enumerate(schedules)
            ],
        )

    def _profile(self, row: tuple[str, str, str]) -> Profile:
        profile_id, user_id, fields = row
        profile: Profile = {**json.loads(fields), "id": profile_id, "user_id": user_id}
        profile["schedules"] = self._schedules(profile_id)
        return dict(sorted(profile.items()))


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` if the block raises."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        # IMMEDIATE takes the write lock up front, so the ownership check and the write see one state.
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
