"""The admin interface of ``buffer-profiles-server --admin``, driven from a process that does not import the kit."""

import json
import subprocess
import sys
from pathlib import Path

from tests.server.test_cli import server_process

ADMIN_CLIENT = Path(__file__).with_name("admin_client.py")


def test_reset_fixtures_faults_and_journal_over_http_from_another_process(tmp_path: Path) -> None:
    with server_process("--db", str(tmp_path / "db.sqlite3"), "--admin") as server:
        base_url = server.wait_for(r"^Base URL: (\S+)$")
        admin_token = server.wait_for(r"^Admin token: (\S+)$")
        result = subprocess.run(
            [sys.executable, "-I", "-S", str(ADMIN_CLIENT), base_url, admin_token],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        output = server.stop()
    seen = json.loads(result.stdout)

    assert "Users: none in" in output
    assert "--demo for two demo users" in output
    assert seen["wrong_token"] == 401
    assert seen["reset"] == [200, {"reset": True}]
    assert seen["fixtures"][1]["users"][0]["profile_ids"] == ["5f0c1d2e3a4b5c6d7e8f9013"]  # a partial profile
    assert seen["bad_fault"][0] == 400
    assert seen["bad_fault"][1]["message"] == "delay: seconds must be a positive number of seconds, not -1."
    assert seen["planned"][0] == 201
    assert seen["refused_profile"] == 403  # Buffer's table: 1011 is a 403
    assert seen["profile"][0] == 200
    assert seen["profile"][1]["service"] == "linkedin"
    assert [(fault["fault"], fault["given"]) for fault in seen["faults"]["faults"]] == [("buffer_error(1011)", 1)]
    journal = seen["requests"]["requests"]
    assert [(entry["status"], entry["fault"], entry["user_id"]) for entry in journal] == [
        (403, "buffer_error(1011)", "5f0c1d2e3a4b5c6d7e8f9012"),
        (200, None, "5f0c1d2e3a4b5c6d7e8f9012"),
    ]
    assert "admin-made-token" not in result.stdout.split('"requests"', 1)[1], "the journal never holds a token"
