"""Arbitrary input over real HTTP: every answer is documented in the spec and fits it; never a 500."""

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN
from tests.server.conftest import SHARED_TLS_CONTEXT
from tests.server.spec_conformance import SpecConformance

bracket_noise = st.lists(
    st.sampled_from(
        ["schedules", "[0]", "[7]", "[]", "[days]", "[times]", "=", "&", "mon", "sun", "23:59", "%5B", "%"]
    ),
    max_size=60,
).map(lambda pieces: "".join(pieces).encode())
bodies = st.binary(max_size=2_000) | bracket_noise
content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "application/json",
        "text/plain",
    ]
)
path_ids = st.text(st.characters(codec="utf-8", exclude_characters="/?#"), min_size=1, max_size=30) | st.just(
    DEMO_PROFILE_ID
)


@pytest.fixture(scope="module")
def fuzz_client(shared_base_url: str, conformance: SpecConformance) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=shared_base_url + "/",
        headers={"Authorization": f"Bearer {DEMO_TOKEN}"},
        event_hooks={"response": [conformance.check]},
        verify=SHARED_TLS_CONTEXT,
    ) as client:
        yield client


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, content_type=content_types)
def test_any_update_body_is_answered_as_documented(fuzz_client: httpx.Client, body: bytes, content_type: str) -> None:
    response = fuzz_client.post(
        f"profiles/{DEMO_PROFILE_ID}/schedules/update.json", content=body, headers={"Content-Type": content_type}
    )

    assert response.status_code in (200, 400, 415)  # the hook has checked it against the spec


@settings(max_examples=60)
@given(profile_id=path_ids)
def test_any_profile_id_is_answered_as_documented(fuzz_client: httpx.Client, profile_id: str) -> None:
    response = fuzz_client.get(f"profiles/{quote(profile_id, safe='')}.json")

    assert response.status_code in (200, 404)
