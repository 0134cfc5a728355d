"""The SQLite file: created on first start, WAL mode, survives restarts, and updates are all-or-nothing."""

import json
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_FIXTURES, DEMO_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.fixtures import load_fixtures
from buffer_profiles_testkit.server.storage.file_check import StoreError
from buffer_profiles_testkit.server.storage.store import SCHEMA_VERSION, Store
from tests.demo_server import seed_demo
from tests.seeds import seed_update_post_data
from tests.server.operations import FORM_HEADERS

AUTH = {"Authorization": f"Bearer {DEMO_TOKEN}"}
SEED_UPDATE = [{"days": ["mon", "tue", "thu"], "times": ["12:45", "15:30", "17:43"]}]


def schedules(base_url: str) -> object:
    return httpx.get(f"{base_url}/profiles/{DEMO_PROFILE_ID}/schedules.json", headers=AUTH).json()


def post_seed_update(base_url: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/profiles/{DEMO_PROFILE_ID}/schedules/update.json",
        content=seed_update_post_data(),
        headers={**AUTH, **FORM_HEADERS},
    )


def test_an_update_survives_a_restart(db_path: Path) -> None:
    with running_server(create_app(db_path)) as base_url:
        assert post_seed_update(base_url).status_code == 200

    with running_server(create_app(db_path)) as base_url:
        assert schedules(base_url) == SEED_UPDATE


def test_seeding_again_keeps_changes_made_since(db_path: Path) -> None:
    store = Store(db_path)
    assert store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, SEED_UPDATE)
    load_fixtures(store, DEMO_FIXTURES)
    assert store.get_schedules(DEMO_USER_ID, DEMO_PROFILE_ID) == SEED_UPDATE
    store.close()


def test_the_database_is_created_with_its_schema_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "profiles.sqlite3"

    with running_server(create_app(db)) as base_url:
        assert httpx.get(f"{base_url}/profiles.json", headers=AUTH).status_code == 401  # empty, but working

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert tables == {"users", "access_tokens", "profiles"}


def test_tokens_are_stored_only_as_digests(db_path: Path) -> None:
    assert DEMO_TOKEN.encode() not in db_path.read_bytes()


def test_a_failed_update_leaves_the_old_schedules(db_path: Path) -> None:
    """Make SQLite fail after the row is written: the schedules and the answer must both be as before."""
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "CREATE TRIGGER fail_long AFTER UPDATE OF schedules ON profiles"
            f" WHEN json_array_length(NEW.schedules) > {len(SEED_UPDATE)}"
            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
    connection.close()
    store = Store(db_path)
    before = (store.get_schedules(DEMO_USER_ID, DEMO_PROFILE_ID), store.profile_json(DEMO_USER_ID, DEMO_PROFILE_ID))

    with pytest.raises(sqlite3.IntegrityError, match="injected failure"):
        store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, [*SEED_UPDATE, *SEED_UPDATE])

    after = (store.get_schedules(DEMO_USER_ID, DEMO_PROFILE_ID), store.profile_json(DEMO_USER_ID, DEMO_PROFILE_ID))
    assert after == before
    assert store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, SEED_UPDATE)  # the store still works
    assert json.loads(store.profile_json(DEMO_USER_ID, DEMO_PROFILE_ID) or "{}")["schedules"] == SEED_UPDATE
    store.close()


def test_a_database_of_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = seed_demo(tmp_path / "profiles.sqlite3")
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()

    with pytest.raises(StoreError, match="schema version"):
        Store(db)


VERSION_1_SCHEMA = """
CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE access_tokens (token_sha256 TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id));
CREATE TABLE profiles (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), position INTEGER NOT NULL, fields TEXT NOT NULL
);
CREATE INDEX profiles_by_user ON profiles(user_id, position);
CREATE TABLE schedules (
    profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE, position INTEGER NOT NULL,
    days TEXT NOT NULL, times TEXT NOT NULL, PRIMARY KEY (profile_id, position)
);
PRAGMA user_version = 1;
"""


def test_a_database_of_schema_version_1_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "version-1.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.executescript(VERSION_1_SCHEMA)
        connection.execute("INSERT INTO users VALUES (?)", (DEMO_USER_ID,))
        connection.execute(
            "INSERT INTO profiles VALUES (?, ?, 0, ?)",
            (DEMO_PROFILE_ID, DEMO_USER_ID, '{"service": "twitter", "n": 1.5}'),
        )
        connection.execute("INSERT INTO schedules VALUES (?, 0, ?, ?)", (DEMO_PROFILE_ID, '["mon"]', '["12:00"]'))
    connection.close()

    store = Store(db)
    listed = json.loads(store.profiles_json(DEMO_USER_ID))
    store.close()

    expected = {
        "id": DEMO_PROFILE_ID,
        "user_id": DEMO_USER_ID,
        "schedules": [{"days": ["mon"], "times": ["12:00"]}],
        "service": "twitter",
        "n": 1.5,
    }
    assert listed == [expected]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    connection.close()


def test_updates_reach_the_database_file_by_background_checkpoints(db_path: Path, tmp_path: Path) -> None:
    """No commit copies the WAL into the file (that would block requests); a worker thread does, soon after."""
    copy = tmp_path / "file-alone.sqlite3"
    with running_server(create_app(db_path)) as base_url:
        assert post_seed_update(base_url).status_code == 200
        in_file = None
        deadline = time.monotonic() + 20  # a guard against a hang, not a speed check
        while in_file != SEED_UPDATE and time.monotonic() < deadline:
            time.sleep(0.05)
            copy.write_bytes(db_path.read_bytes())  # the file without its -wal companion
            in_file = _schedules_in(copy)

    assert in_file == SEED_UPDATE


def _schedules_in(db: Path) -> object:
    """The demo profile's schedules in ``db``; None while a copy taken mid-write cannot be read."""
    connection = sqlite3.connect(db)
    try:
        row = connection.execute("SELECT schedules FROM profiles WHERE id = ?", (DEMO_PROFILE_ID,)).fetchone()
        return json.loads(row[0])
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
