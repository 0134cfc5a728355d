"""What the store writes is what the standard library writes: token digests and JSON text.

Databases written before, and every reader of the file, expect the digests of hashlib and the
compact JSON of json.dumps, byte for byte; the store keeps one encoder for all its writes.
"""

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from buffer_profiles_testkit.server.storage.store import Store, token_digest

TOKENS = ["demo-skinnyoteam-token", "1/abc.DEF_ghi~jkl", "ünïcödé", "lone \udcff surrogate", ""]
# Values that need escaping: quotes, backslashes, control and non-ASCII characters.
AWKWARD = 'say "hi" \\ tab\t newline\n é 日本 \U0001f600'


@pytest.mark.parametrize("token", TOKENS)
def test_a_token_digest_is_the_hex_sha256_of_its_utf8(token: str) -> None:
    assert token_digest(token) == hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def test_stored_fields_and_schedules_are_compact_json_as_json_dumps_writes_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    profile = {
        "id": "p1",
        "user_id": "u1",
        "service": "twitter",
        "formatted_username": AWKWARD,
        "counts": {"followers": 1.5e3, "none": None, "flags": [True, False]},
        "schedules": [{"days": ["mon"], "times": ["12:00"]}],
    }
    store.add_user("u1", ["token"], [profile])
    schedules = [{"times": [AWKWARD, "23:59"], "days": ["sun", "mon"]}]

    assert store.replace_schedules("u1", "p1", schedules)

    assert store.schedules_json("u1", "p1") == _compact(schedules)
    fields = {key: value for key, value in profile.items() if key not in ("id", "user_id", "schedules")}
    assert store.profile_json("u1", "p1") == _compact({"id": "p1", "user_id": "u1", "schedules": schedules, **fields})
    assert store.user_for_token("token") == "u1"
    store.close()
