"""Reads are kept until anyone commits (server/storage/read_cache.py, wal_index.py)."""

import sqlite3
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.storage.read_cache import ReadCache
from buffer_profiles_testkit.server.storage.store import ProfileField, Schedule, Store
from buffer_profiles_testkit.server.storage.wal_index import WalIndex, commits_between

AUTH = {"Authorization": f"Bearer {DEMO_TOKEN}"}
EVENINGS: list[Schedule] = [{"days": ["mon"], "times": ["21:00"]}]
MORNINGS: list[Schedule] = [{"days": ["sun"], "times": ["06:30"]}]


class CountingStore(Store):
    """A store that counts the reads that reach it."""

    reads = 0

    def token_and_profiles(self, token: str) -> tuple[str, bytes] | None:
        self.reads += 1
        return super().token_and_profiles(token)

    def token_and_profile(self, token: str, profile_id: str, field: ProfileField) -> tuple[str, str | None] | None:
        self.reads += 1
        return super().token_and_profile(token, profile_id, field)


@pytest.fixture
def store(db_path: Path) -> CountingStore:
    return CountingStore(db_path)  # db_path holds the demo data


@pytest.fixture
def cache(store: CountingStore, db_path: Path) -> ReadCache:
    return ReadCache(store, WalIndex.open(db_path))


def commit_elsewhere(db_path: Path, schedules: list[Schedule]) -> None:
    """A commit by another connection, as a test kit or a tool in another process makes."""
    other = Store(db_path)
    try:
        other.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, schedules)
    finally:
        other.close()


def schedules_read(cache: ReadCache) -> str | None:
    found = cache.token_and_profile(DEMO_TOKEN, DEMO_PROFILE_ID, "schedules")
    assert found is not None
    return found[1]


def test_a_read_again_is_kept_and_a_commit_elsewhere_is_seen(
    cache: ReadCache, store: CountingStore, db_path: Path
) -> None:
    first = schedules_read(cache)
    assert cache.token_and_profiles(DEMO_TOKEN) is not None
    reads = store.reads

    assert schedules_read(cache) == first
    assert cache.token_and_profiles(DEMO_TOKEN) is not None
    assert store.reads == reads

    commit_elsewhere(db_path, EVENINGS)
    assert schedules_read(cache) == '[{"days":["mon"],"times":["21:00"]}]'
    assert store.reads == reads + 1


def test_its_own_update_drops_what_it_changed_and_keeps_who_owns_what(cache: ReadCache, store: CountingStore) -> None:
    assert cache.token_and_profile(DEMO_TOKEN, DEMO_PROFILE_ID, "service") == (DEMO_USER_ID, "twitter")
    schedules_read(cache)
    reads = store.reads

    assert cache.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MORNINGS)

    assert cache.token_and_profile(DEMO_TOKEN, DEMO_PROFILE_ID, "service") == (DEMO_USER_ID, "twitter")
    assert store.reads == reads
    assert schedules_read(cache) == '[{"days":["sun"],"times":["06:30"]}]'
    assert store.reads == reads + 1


def test_a_commit_elsewhere_during_its_own_update_drops_everything(
    cache: ReadCache, store: CountingStore, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.token_and_profile(DEMO_TOKEN, DEMO_PROFILE_ID, "service")
    replace = Store.replace_schedules

    def replace_while_another_commits(self: Store, user_id: str, profile_id: str, schedules: list[Schedule]) -> bool:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("UPDATE profiles SET position = position")  # a commit, whatever it changes
        other.close()
        return replace(self, user_id, profile_id, schedules)

    monkeypatch.setattr(Store, "replace_schedules", replace_while_another_commits)
    cache.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MORNINGS)
    reads = store.reads

    cache.token_and_profile(DEMO_TOKEN, DEMO_PROFILE_ID, "service")
    assert store.reads == reads + 1


def test_without_a_wal_index_every_read_goes_to_the_store(store: CountingStore) -> None:
    cache = ReadCache(store, None)
    for _ in range(3):
        schedules_read(cache)
    assert store.reads == 3


def test_the_wal_index_counts_commits_of_every_connection(store: CountingStore, db_path: Path) -> None:
    index = WalIndex.open(db_path)
    assert index is not None
    before = index.header()
    store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MORNINGS)
    commit_elsewhere(db_path, EVENINGS)
    after = index.header()
    assert before is not None
    assert after is not None
    assert commits_between(before, after) == 2
    index.close()


def test_a_database_not_in_wal_mode_has_no_wal_index(tmp_path: Path) -> None:
    path = tmp_path / "rollback-journal.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    assert WalIndex.open(path) is None


def test_the_server_answers_a_commit_made_by_another_process_at_once(db_path: Path) -> None:
    with running_server(create_app(db_path)) as base_url:
        url = f"{base_url}/profiles/{DEMO_PROFILE_ID}/schedules.json"
        assert httpx.get(url, headers=AUTH).json() != EVENINGS
        commit_elsewhere(db_path, EVENINGS)
        assert httpx.get(url, headers=AUTH).json() == EVENINGS


def test_a_header_being_written_is_no_header(store: CountingStore, db_path: Path) -> None:
    """The two copies differ while a commit writes them: nothing read then may be kept."""
    index = WalIndex.open(db_path)
    assert index is not None
    whole = index.header()
    assert whole is not None
    index.close()
    half_written = whole + bytes(48)  # the second copy is written first: here it is not yet
    assert WalIndex(half_written).header() is None  # type: ignore[arg-type]
