"""The demo data and the fixtures format."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from buffer_profiles_testkit.server.demo import (
    DEMO_FIXTURES,
    DEMO_PROFILE,
    DEMO_PROFILE_ID,
    DEMO_TOKEN,
    OTHER_USER_TOKEN,
)
from buffer_profiles_testkit.server.fixtures import FixtureError, check_fixtures, load_fixtures, read_fixtures
from buffer_profiles_testkit.server.storage.store import Store
from tests.seeds import SEED_PROFILE_ID, seed_profile


def test_the_demo_profile_is_the_seed_profile() -> None:
    assert DEMO_PROFILE_ID == SEED_PROFILE_ID
    assert seed_profile() == DEMO_PROFILE


def test_the_demo_fixtures_are_valid_and_have_two_users_with_profiles() -> None:
    users = check_fixtures(DEMO_FIXTURES)["users"]

    assert [user["tokens"] for user in users] == [[DEMO_TOKEN], [OTHER_USER_TOKEN]]
    assert all(user["profiles"] for user in users)


def broken(change: str) -> dict[str, Any]:
    fixtures = copy.deepcopy(DEMO_FIXTURES)
    profile = fixtures["users"][0]["profiles"][0]
    match change:
        case "misspelt field":
            profile["servce"] = "twitter"
        case "bad day":
            profile["schedules"][0]["days"] = ["funday"]
        case "time with newline":
            profile["schedules"][0]["times"] = ["12:00\n"]
        case "wrong owner":
            profile["user_id"] = fixtures["users"][1]["id"]
        case "token with a space":
            fixtures["users"][0]["tokens"] = ["two words"]
        case "unknown key":
            fixtures["users"][0]["password"] = "x"
    return fixtures


@pytest.mark.parametrize(
    "change",
    ["misspelt field", "bad day", "time with newline", "wrong owner", "token with a space", "unknown key"],
)
def test_invalid_fixtures_are_refused(change: str) -> None:
    with pytest.raises(FixtureError):
        check_fixtures(broken(change))


def test_a_token_of_another_user_is_a_conflict(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    load_fixtures(store, DEMO_FIXTURES)
    thief = {"id": "0123456789abcdef01234567", "tokens": [DEMO_TOKEN], "profiles": []}

    with pytest.raises(FixtureError, match="another user"):
        load_fixtures(store, {"users": [thief]})

    assert store.user_for_token(DEMO_TOKEN) == DEMO_FIXTURES["users"][0]["id"]
    store.close()


def test_unreadable_fixture_files_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "fixtures.json"
    path.write_text("{not json")

    with pytest.raises(FixtureError, match="cannot read"):
        read_fixtures(path)


def test_extra_profile_fields_are_kept(tmp_path: Path) -> None:
    """The API is open: fields beyond the spec's list come back as they were loaded."""
    fixtures = copy.deepcopy(DEMO_FIXTURES)
    fixtures["users"][0]["profiles"][0]["counts"] = {"sent": 12}
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps(fixtures))
    store = Store(tmp_path / "db.sqlite3")

    load_fixtures(store, read_fixtures(path))

    profile = json.loads(store.profile_json(fixtures["users"][0]["id"], DEMO_PROFILE_ID) or "null")
    store.close()
    assert profile == {**seed_profile(), "counts": {"sent": 12}}


def test_the_readme_example_is_valid_fixtures() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("### Fixtures", 1)[1]
    example = json.loads(section.split("```json", 1)[1].split("```", 1)[0])

    assert check_fixtures(example) == example


def _many_profiles(count: int) -> dict[str, Any]:
    user = copy.deepcopy(DEMO_FIXTURES["users"][0])
    user["profiles"] = [
        {**DEMO_PROFILE, "id": f"6b{number:022x}", "default": number == 0, "counts": {"pending": count - number}}
        for number in range(count)
    ]
    return {"users": [user]}


def test_a_fixture_file_is_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fixtures.json"
    path.write_text(json.dumps(_many_profiles(3)))
    checks: list[object] = []

    def counted_check(fixtures: Any) -> dict[str, Any]:
        checks.append(fixtures)
        return check_fixtures(fixtures)

    monkeypatch.setattr("buffer_profiles_testkit.server.fixtures.check_fixtures", counted_check)
    store = Store(tmp_path / "db.sqlite3")

    load_fixtures(store, read_fixtures(path))

    store.close()
    assert len(checks) == 1


def test_a_list_of_many_profiles_is_one_statement_in_fixture_order(tmp_path: Path) -> None:
    fixtures = _many_profiles(300)
    store = Store(tmp_path / "db.sqlite3")
    load_fixtures(store, fixtures)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)  # the store's own connection: what it asks SQLite

    listed = json.loads(store.profiles_json(DEMO_FIXTURES["users"][0]["id"]))

    store.close()
    assert len(statements) == 1
    assert [profile["id"] for profile in listed] == [profile["id"] for profile in fixtures["users"][0]["profiles"]]
    assert listed[7] == {**fixtures["users"][0]["profiles"][7], "user_id": DEMO_FIXTURES["users"][0]["id"]}
