"""What ``buffer-profiles-server`` says on start about its users, and about a fixture file it did not apply."""

import json
from pathlib import Path

import httpx

from tests.server.test_cli import server_process


def _started(db: Path, *arguments: str) -> tuple[str, int]:
    """What the server said, and the status of a request to the admin interface's path."""
    with server_process("--db", str(db), *arguments) as server:
        origin = server.wait_for(r"^Base URL: (\S+)/1$")
        admin_status = httpx.post(f"{origin}/__admin/reset", timeout=10).status_code
        return server.stop(), admin_status


def test_a_restart_over_an_edited_fixture_file_says_the_stored_profiles_are_kept(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures.json"
    user = {"id": "5f0c1d2e3a4b5c6d7e8f9012", "tokens": ["t-1"], "profiles": [{"service": "twitter"}]}
    fixtures.write_text(json.dumps({"users": [user]}))
    first, admin_status = _started(tmp_path / "db.sqlite3", "--fixtures", str(fixtures))
    user["profiles"] = [{"service": "linkedin"}]
    fixtures.write_text(json.dumps({"users": [user]}))

    second, _ = _started(tmp_path / "db.sqlite3", "--fixtures", str(fixtures))

    assert "Users: 1 in" in first
    assert "Fixtures:" not in first
    assert f"Fixtures: 1 profile(s) of {fixtures} differ from those stored in" in second
    assert "a new --db loads the file as it is" in second
    assert admin_status == 404, "no admin interface without --admin"
    assert "Admin" not in first
