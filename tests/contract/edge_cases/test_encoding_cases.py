"""The update body's encoding cases: the documented form, the curl sample's form right after it, malformed forms."""

from pathlib import Path
from typing import Any

import yaml

from buffer_profiles_testkit.contract.edge_cases.cases import edge_cases
from buffer_profiles_testkit.contract.edge_cases.encoding import MALFORMED_FORMS
from buffer_profiles_testkit.contract.edge_cases.model import Expect
from buffer_profiles_testkit.contract.edge_cases.runner import EdgeRunner
from buffer_profiles_testkit.contract.pacing import Pacer

SPEC: dict[str, Any] = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi.yaml").read_text())
PROFILE_ID = "4eb854340acb04e870000010"
DOCUMENTED = "update: the example as Buffer's documentation writes it"
CURL_SAMPLE = "update: the example as the spec's curl sample sends it: names as written, values percent-encoded"


def _sent_body(name: str) -> bytes:
    case = next(case for case in edge_cases(SPEC, PROFILE_ID) if case.name == name)
    runner = EdgeRunner("http://127.0.0.1:9/1", "token", None, SPEC, Pacer(None))
    try:
        request, _ = runner._request(case)
    finally:
        runner.close()
    return request.content


def test_the_curl_samples_form_comes_right_after_the_documented_one_on_the_same_names() -> None:
    names = [case.name for case in edge_cases(SPEC, PROFILE_ID)]

    assert names.index(CURL_SAMPLE) == names.index(DOCUMENTED) + 1
    documented, escaped = _sent_body(DOCUMENTED), _sent_body(CURL_SAMPLE)
    assert b"schedules[0][times][]=12:45" in documented
    assert b"schedules[0][times][]=12%3A45" in escaped  # as curl --data-urlencode sends it
    assert [pair.split(b"=")[0] for pair in escaped.split(b"&")] == [
        pair.split(b"=")[0] for pair in documented.split(b"&")
    ]


def test_malformed_forms_report_under_their_own_check_and_only_a_plain_schedule_must_be_refused() -> None:
    malformed = {case.name: case for case in edge_cases(SPEC, PROFILE_ID) if case.check == MALFORMED_FORMS}

    assert len(malformed) == 7
    refused = [name for name, case in malformed.items() if case.expect is Expect.REJECTED]
    assert refused == ["update: a plain value where a schedule (an object) belongs (schedules[]=mon)"]
    assert all(case.expect is Expect.SAFE for name, case in malformed.items() if name not in refused)
    bodies = [case.content or b"" for case in malformed.values()]
    assert any(b"=17:%ZZ43" in body for body in bodies)
    assert any(b"=17:%FF43" in body for body in bodies)
    assert any(b"=17:\xff43" in body for body in bodies)
    assert any(b"&x%ZZ=1" in body for body in bodies)
    assert any(b"schedules[1][days][]=mon" in body and b"schedules[0]" not in body for body in bodies)


def test_read_only_sends_none_of_them() -> None:
    names = {case.name for case in edge_cases(SPEC, PROFILE_ID, read_only=True)}

    assert DOCUMENTED not in names
    assert not any("malformed" in name or "curl sample" in name for name in names)
