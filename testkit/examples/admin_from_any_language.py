"""The admin interface from a test in any language; here Python's standard library alone, no kit.

BUFFER_PROFILES_ADMIN_TOKEN=secret buffer-profiles-server --port 8080 --admin --fixtures fixtures.json
python admin_from_any_language.py http://127.0.0.1:8080 secret
"""

import json
import sys
import urllib.error
import urllib.request
from typing import Any

ORIGIN, ADMIN_TOKEN = sys.argv[1], sys.argv[2]


def call(method: str, path: str, body: Any = None, token: str = ADMIN_TOKEN) -> tuple[int, Any]:
    request = urllib.request.Request(ORIGIN + path, None if body is None else json.dumps(body).encode(), method=method)
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


# Plan a fault: the next list of profiles gets Buffer's 429, with Retry-After: 2.
fault = {"kind": "rate_limited", "retry_after": 2}
assert call("POST", "/__admin/faults", {"operation": "list_profiles", "fault": fault})[0] == 201

# Your app under test would call the API here; this one calls it twice, as a retrying app does.
statuses = [call("GET", "/1/profiles.json", token="my-app-test-token")[0] for _ in range(2)]
assert statuses == [429, 200], statuses

# Read the journal: what was sent, by which user, and what each request got.
journal = call("GET", "/__admin/requests?operation=list_profiles")[1]["requests"]
assert [(entry["status"], entry["fault"]) for entry in journal] == [(429, "rate_limited(retry_after=2)"), (200, None)]

# Start the next test from nothing: no users, no faults, an empty journal.
assert call("POST", "/__admin/reset")[0] == 200
assert call("GET", "/1/profiles.json", token="my-app-test-token")[0] == 401
print("admin interface: fault planned and given, journal read, reset")
