"""The migration section's curl examples, in the README and in the API reference, answered by the local stand-in.

test_migration_section.py proves what they send; here the reference server's ``/graphql`` answers
them from its demo data, with the demo token as the API key (the reference server's choice), and
each answer is data, no errors: the demo user's channels and the demo profile's posting schedule.
"""

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.graphql.channels import organization_id
from tests.demo_server import demo_server, graphql_url
from tests.docs.test_migration_section import SECTIONS, section


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("migration")) as base_url:
        yield graphql_url(base_url)


def _answers(output: str) -> list[Any]:
    """The JSON documents curl printed one after another (its answers end in no newline)."""
    decoder, answers, at = json.JSONDecoder(), [], 0
    while at < len(output):
        answer, at = decoder.raw_decode(output, at)
        answers.append(answer)
        while at < len(output) and output[at].isspace():
            at += 1
    return answers


@pytest.mark.parametrize("name", SECTIONS)
def test_the_curl_examples_get_the_demo_data_from_the_stand_in(name: str, stand_in: str, tmp_path: Path) -> None:
    (block,) = re.findall(r"^```sh\n(.*?)^```$", section(name), flags=re.MULTILINE | re.DOTALL)
    environment = {
        **os.environ,
        "BUFFER_GRAPHQL_URL": stand_in,
        "BUFFER_API_KEY": DEMO_TOKEN,
        "BUFFER_ORGANIZATION_ID": organization_id(DEMO_USER_ID),
        "BUFFER_CHANNEL_ID": DEMO_PROFILE_ID,
        "NO_PROXY": "*",
    }

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block], capture_output=True, text=True, env=environment, timeout=60
    )

    assert result.returncode == 0, result.stderr
    account, channels, channel, schedule = _answers(result.stdout)
    assert all("errors" not in answer for answer in (account, channels, channel, schedule))
    assert account["data"]["account"] == {"id": DEMO_USER_ID, "organizations": [{"id": organization_id(DEMO_USER_ID)}]}
    assert [found["id"] for found in channels["data"]["channels"]] == [DEMO_PROFILE_ID, DEMO_SECOND_PROFILE_ID]
    assert channel["data"]["channel"]["name"] == "skinnyoteam"
    assert schedule["data"]["channel"]["postingSchedule"][0] == {
        "day": "mon",
        "times": ["12:00", "17:00", "18:00"],
        "paused": False,
    }
