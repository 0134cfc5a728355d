"""A test in another process and language would drive the admin interface like this: plain HTTP, no kit.

Run as ``python -I -S admin_client.py BASE_URL ADMIN_TOKEN`` (no site-packages, so the kit cannot
be imported); prints one JSON object of what it saw, for tests/testkit/test_admin.py to judge.
"""

import json
import sys
import urllib.error
import urllib.request
from typing import Any

ORIGIN, ADMIN_TOKEN = sys.argv[1].removesuffix("/1"), sys.argv[2]
USER_TOKEN = "admin-made-token"
USER_ID = "5f0c1d2e3a4b5c6d7e8f9012"
PROFILE_ID = "5f0c1d2e3a4b5c6d7e8f9013"


def call(method: str, path: str, body: Any = None, token: str = ADMIN_TOKEN) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(ORIGIN + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


seen: dict[str, Any] = {}
seen["wrong_token"] = call("POST", "/__admin/reset", token="not-the-admin-token")[0]
seen["reset"] = call("POST", "/__admin/reset")
fixtures = {"users": [{"id": USER_ID, "tokens": [USER_TOKEN], "profiles": [{"id": PROFILE_ID, "service": "linkedin"}]}]}
seen["fixtures"] = call("POST", "/__admin/fixtures", fixtures)
seen["bad_fault"] = call(
    "POST", "/__admin/faults", {"operation": "get_profile", "fault": {"kind": "delay", "seconds": -1}}
)
planned = {"operation": "get_profile", "fault": {"kind": "buffer_error", "code": 1011}, "profile_id": PROFILE_ID}
seen["planned"] = call("POST", "/__admin/faults", planned)
seen["refused_profile"] = call("GET", f"/1/profiles/{PROFILE_ID}.json", token=USER_TOKEN)[0]
seen["profile"] = call("GET", f"/1/profiles/{PROFILE_ID}.json", token=USER_TOKEN)
seen["faults"] = call("GET", "/__admin/faults")[1]
seen["requests"] = call("GET", "/__admin/requests?operation=get_profile")[1]
print(json.dumps(seen))
