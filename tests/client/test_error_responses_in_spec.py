"""Return types and exceptions do not depend on how the spec describes error responses.

The spec's error responses may say JSON, HTML or nothing at all; ``sync`` still returns the success
type and raises by status, and the detailed functions still return every answer.
"""

from pathlib import Path

import pytest
import yaml

from buffer_profiles_testkit.yaml_loading import load_yaml
from overrides.generate import SPEC
from tests.client.generation import generate, run_against

CALLS = """
import typing
import httpx
from buffer_profiles_client import AuthenticatedClient, AuthenticationError, NotFoundError
from buffer_profiles_client.api.profiles import get_profile, list_profiles

answers = {
    "/1/profiles.json": httpx.Response(401, headers={"Content-Type": "text/html"}, content=b""),
    "/1/profiles/4eb854340acb04e870000010.json": httpx.Response(404, json={"code": 1010, "error": "Gone."}),
}
client = AuthenticatedClient(base_url="https://api.bufferapp.com/1", token="t",
                             httpx_args={"transport": httpx.MockTransport(lambda r: answers[r.url.path])})
print(typing.get_type_hints(list_profiles.sync)["return"], typing.get_type_hints(get_profile.sync)["return"].__name__)
calls = [lambda: list_profiles.sync(client=client), lambda: get_profile.sync("4eb854340acb04e870000010", client=client)]
for call in calls:
    try:
        call()
    except (AuthenticationError, NotFoundError) as error:
        print(type(error).__name__, error.status_code, error.code)
print(list_profiles.sync_detailed(client=client).status_code)
"""

HTML_ERROR = {"description": "An error page.", "content": {"text/html": {"schema": {"type": "string"}}}}
NO_CONTENT_ERROR = {"description": "An error, body unspecified."}


@pytest.mark.parametrize("error_response", [HTML_ERROR, NO_CONTENT_ERROR], ids=["html", "no-content"])
def test_sync_returns_the_success_type_and_raises_whatever_errors_look_like(
    tmp_path: Path, generated_clients: Path, error_response: dict[str, object]
) -> None:
    spec = load_yaml(SPEC.read_text())
    spec["components"]["responses"] = dict.fromkeys(spec["components"]["responses"], error_response)
    changed = tmp_path / "openapi.yaml"
    changed.write_text(yaml.safe_dump(spec, sort_keys=False))

    output = run_against(generate(tmp_path, generated_clients, changed), CALLS).splitlines()

    assert output == [
        "list[buffer_profiles_client.models.profile.Profile] Profile",
        "AuthenticationError 401 None",
        "NotFoundError 404 1010",
        "401",
    ]
