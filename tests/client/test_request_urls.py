"""The client objects keep each path's parsed URL (backends.py): every request still goes where its arguments say.

Ids are interleaved and repeated, and outnumber the URLs kept, so that a URL kept for one id (or a
base URL of another client) can never be reused for another.
"""

import httpx
from buffer_profiles_client import BufferProfiles

from tests.client.recording import RecordingTransport
from tests.seeds import seed_profile

IDS = [f"{index:024x}" for index in range(300)]


def test_each_request_goes_to_its_own_path_when_ids_repeat_and_outnumber_the_urls_kept() -> None:
    recording = RecordingTransport(payload=seed_profile())
    asked = IDS + IDS[::-1] + IDS[:3]

    with httpx.Client(transport=httpx.MockTransport(recording)) as http:
        buffer = BufferProfiles("t", base_url="https://example.test/base/1/", http_client=http)
        for profile_id in asked:
            buffer.profiles.retrieve(profile_id)

    sent = [str(request.url) for request in recording.requests]
    assert sent == [f"https://example.test/base/1/profiles/{profile_id}.json" for profile_id in asked]


def test_clients_with_other_base_urls_and_derived_clients_keep_their_own() -> None:
    recording = RecordingTransport(payload=[])

    with httpx.Client(transport=httpx.MockTransport(recording)) as http:
        first = BufferProfiles("t", base_url="https://one.test/1", http_client=http)
        second = BufferProfiles("t", base_url="https://two.test/v1", http_client=http)
        derived = first.with_options(default_headers={"X-Trace": "on"})
        for client in (first, second, derived, first):
            client.profiles.list()

    assert [str(request.url) for request in recording.requests] == [
        "https://one.test/1/profiles.json",
        "https://two.test/v1/profiles.json",
        "https://one.test/1/profiles.json",
        "https://one.test/1/profiles.json",
    ]
    assert [request.headers.get("X-Trace") for request in recording.requests] == [None, None, "on", None]
