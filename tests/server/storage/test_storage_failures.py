"""A database that cannot be used stops the server at start; one that fails under a request is named.

Refusals at start are one sentence on stderr and a non-zero exit, before the base URL is printed.
At run time, a locked, full or read-only database is each its own JSON error, and the update it
interrupted leaves nothing behind. (openapi.yaml lists 503 and 507 as the reference server's
choices; these tests check Buffer's error shape themselves, since a read-only 503 has no
Retry-After, which the spec-conformance hook would require of every 503.)
"""

import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from buffer_profiles_testkit.server.app import create_app
from buffer_profiles_testkit.server.background import running_server
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from buffer_profiles_testkit.server.storage.store import SCHEMA_VERSION, Store
from tests.demo_server import seed_demo
from tests.server.spec_conformance import SPEC_FILE

REPO = SPEC_FILE.parent
UPDATE = f"profiles/{DEMO_PROFILE_ID}/schedules/update.json"
SCHEDULES = f"profiles/{DEMO_PROFILE_ID}/schedules.json"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SMALL_UPDATE = "schedules[0][days][]=sun&schedules[0][times][]=06:05"
# Every schedule the spec allows at once: more rows than the pages the table has now can hold.
LARGEST_UPDATE = "&".join(
    f"schedules[{index}][{member}][]={value}"
    for index in range(7)
    for member, values in (
        ("days", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        ("times", [f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(0, 60, 5)]),
    )
    for value in values
)
# Root may write any file; without CAP_DAC_OVERRIDE it is held to the permission bits like anyone.
AS_ORDINARY_USER = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    if os.geteuid() == 0 and shutil.which("setpriv")
    else []
)


def _start(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AS_ORDINARY_USER, sys.executable, "-m", "buffer_profiles_testkit.server", "--port", "0", "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _damage_a_page(db: Path) -> None:
    """Overwrite one page of a table with noise, as a bad sector or a stray write would."""
    with sqlite3.connect(db) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root_page = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'profiles'").fetchone()[0]
    connection.close()
    with db.open("r+b") as file:
        file.seek((root_page - 1) * page_size)
        file.write(random.Random(7).randbytes(page_size))


def _refusal_cases(tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    not_a_database = tmp_path / "noise.sqlite3"
    not_a_database.write_bytes(random.Random(3).randbytes(8192))
    yield "not a database", not_a_database, "is corrupt"

    damaged = seed_demo(tmp_path / "damaged.sqlite3")
    _damage_a_page(damaged)
    yield "damaged page", damaged, "is corrupt"

    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    yield "a folder", folder, "not a regular file"

    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    yield "another application's", foreign, "tables of another application"

    newer = seed_demo(tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    yield "newer schema", newer, f"schema version {SCHEMA_VERSION + 1}"

    if os.geteuid() != 0 or AS_ORDINARY_USER:
        read_only = seed_demo(tmp_path / "read-only.sqlite3")
        read_only.chmod(0o444)
        yield "read-only", read_only, "is read-only"

        unreadable = seed_demo(tmp_path / "unreadable.sqlite3")
        unreadable.chmod(0o000)
        yield "unreadable", unreadable, "cannot read the database"


@pytest.mark.parametrize(
    "case",
    ["not a database", "damaged page", "a folder", "another application's", "newer schema", "read-only", "unreadable"],
)
def test_an_unusable_database_stops_the_server_with_one_sentence(tmp_path: Path, case: str) -> None:
    cases = {name: (db, reason) for name, db, reason in _refusal_cases(tmp_path)}
    db, reason = cases[case]

    result = _start(db)

    assert result.returncode == 2
    assert "Base URL" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"buffer-profiles-server: the database {db} ") or lines[0].startswith(
        f"buffer-profiles-server: cannot read the database {db} "
    )
    assert reason in lines[0]


def test_a_sound_database_passes_the_checks_and_keeps_its_data(db_path: Path) -> None:
    Store(db_path).close()

    store = Store(db_path)
    assert store.user_for_token(DEMO_TOKEN) is not None
    store.close()


class _FullStore(Store):
    """The real store on a disk with no room left: SQLite may use no page beyond those it has."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count = {pages}")


class _ReadOnlyStore(Store):
    """The real store after its file system turned read-only: every write is refused by SQLite."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._db.execute("PRAGMA query_only = ON")


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(headers={"Authorization": f"Bearer {DEMO_TOKEN}"}, timeout=20) as made:
        yield made


def _is_buffer_error(response: httpx.Response, code: int) -> bool:
    body = response.json()
    return response.headers["content-type"] == "application/json" and body == {
        "success": False,
        "code": code,
        "message": body["message"],
    }


@pytest.mark.parametrize(
    ("store_class", "status", "message"),
    [(_FullStore, 507, "Storage is full"), (_ReadOnlyStore, 503, "Storage is read-only")],
    ids=["full", "read-only"],
)
def test_a_full_or_read_only_database_is_named_and_the_update_leaves_nothing(
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    client: httpx.Client,
    store_class: type[Store],
    status: int,
    message: str,
) -> None:
    monkeypatch.setattr("buffer_profiles_testkit.server.app.Store", store_class)
    with running_server(create_app(db_path)) as base_url:
        before = client.get(f"{base_url}/{SCHEDULES}").json()
        refused = client.post(f"{base_url}/{UPDATE}", content=LARGEST_UPDATE, headers=FORM)
        after = client.get(f"{base_url}/{SCHEDULES}").json()
        refused_again = client.post(f"{base_url}/{UPDATE}", content=LARGEST_UPDATE, headers=FORM)

    assert refused.status_code == status
    assert _is_buffer_error(refused, status)
    assert refused.json()["message"].startswith(message)
    assert "retry-after" not in refused.headers
    assert after == before
    assert refused_again.status_code == status  # the failed transaction left the connection usable


def test_a_locked_database_is_503_with_retry_after_and_reads_go_on(db_path: Path, client: httpx.Client) -> None:
    with running_server(create_app(db_path)) as base_url:
        before = client.get(f"{base_url}/{SCHEDULES}").json()
        other_process = sqlite3.connect(db_path, isolation_level=None)
        other_process.execute("BEGIN EXCLUSIVE")
        try:
            refused = client.post(f"{base_url}/{UPDATE}", content=SMALL_UPDATE, headers=FORM)
            read_meanwhile = client.get(f"{base_url}/{SCHEDULES}")
        finally:
            other_process.execute("ROLLBACK")
            other_process.close()
        accepted = client.post(f"{base_url}/{UPDATE}", content=SMALL_UPDATE, headers=FORM)
        after = client.get(f"{base_url}/{SCHEDULES}").json()

    assert refused.status_code == 503
    assert _is_buffer_error(refused, 503)
    assert refused.json()["message"].startswith("Storage is busy")
    assert refused.headers["retry-after"] == "1"
    assert read_meanwhile.status_code == 200
    assert read_meanwhile.json() == before
    assert accepted.status_code == 200
    assert after == [{"days": ["sun"], "times": ["06:05"]}]
