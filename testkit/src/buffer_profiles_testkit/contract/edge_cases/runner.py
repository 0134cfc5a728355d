"""Send the explicit edge cases (``edge_cases``) and judge each answer by what its case expects.

Every answer also goes through the judgements the schemathesis checks apply (error shape, error
code, the 401 challenge, Retry-After). Each write is bracketed by readings of both users' profile
lists: a refused write changes nothing, an accepted one changes only its own profile, and reads
back as sent. A failure names the check, the case and a curl command with the token as a variable.
"""

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.api_reader import (
    OTHER_TOKEN_ENV,
    REQUEST_TIMEOUT_SECONDS,
    TOKEN_ENV,
    ApiReader,
    Reading,
)
from buffer_profiles_testkit.contract.checks.judgements import (
    challenge_problem,
    error_code_problem,
    json_problem,
    retry_after_problem,
)
from buffer_profiles_testkit.contract.edge_cases.model import FORM_MEDIA_TYPE, EdgeCase, Expect, Token
from buffer_profiles_testkit.contract.pacing import Pacer
from buffer_profiles_testkit.contract.run.account import changed_profiles, schedules_by_profile
from buffer_profiles_testkit.contract.run.preflight import error_code
from buffer_profiles_testkit.contract.spec_facts import error_statuses_by_code

UNKNOWN_TOKEN = "contract-suite-unknown-token"
_TOKEN_SHOWN = f"${TOKEN_ENV}"
_CURL_LIMIT = 600
RATE_LIMITED = "not_rate_limited"
_SCHEDULE_LIMIT = (403, 1013)  # Buffer's answer to valid schedules past the service's posting cap


@dataclass(frozen=True)
class EdgeFailure:
    check: str
    case: str
    message: str
    curl: str

    def describe(self) -> str:
        return f"{self.check}: {self.case}\n  {self.message}\n    {self.curl}"


@dataclass(frozen=True)
class EdgeReport:
    cases: int
    seconds: float
    failures: list[EdgeFailure]
    checks_seconds: float  # spent judging, outside the HTTP requests


class EdgeRunner:
    def __init__(
        self,
        base_url: str,
        token: str,
        other_token: str | None,
        raw_schema: Mapping[str, Any],
        pacer: Pacer,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._pacer = pacer
        self._client = httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS, follow_redirects=False)
        self._mine = ApiReader(base_url, token, TOKEN_ENV, pacer)
        self._theirs = None if other_token is None else ApiReader(base_url, other_token, OTHER_TOKEN_ENV, pacer)
        self._table = error_statuses_by_code(raw_schema)
        self._documented = _documented_statuses(raw_schema)

    def close(self) -> None:
        for client in (self._mine, self._theirs):
            if client is not None:
                client.close()
        self._client.close()

    def run(self, cases: Iterable[EdgeCase]) -> EdgeReport:
        started = time.perf_counter()
        failures: list[EdgeFailure] = []
        count = 0
        self._judging = 0.0
        for case in cases:
            count += 1
            failures += self._run_one(case)
            if any(failure.check == RATE_LIMITED for failure in failures):
                break  # every further case would get a 429 too: one sentence says what to do
        return EdgeReport(count, time.perf_counter() - started, failures, self._judging)

    # --- sending --------------------------------------------------------------------------------

    def _request(self, case: EdgeCase) -> tuple[httpx.Request, str]:
        token = self._token if case.token == "user" else UNKNOWN_TOKEN
        headers: dict[str, str] = {}
        params: dict[str, str] = {}
        content = case.content
        if Token.HEADER in case.token_in:
            headers["Authorization"] = f"Bearer {token}"
        if Token.QUERY in case.token_in:
            params["access_token"] = token
        if case.form is not None:
            form = encode_bracket_form(case.form)
            if Token.BODY in case.token_in:
                form = "&".join(part for part in (form, urlencode({"access_token": token})) if part)
            content = (form + case.extra_form).encode("utf-8")
            headers["Content-Type"] = FORM_MEDIA_TYPE
        elif case.content_type is not None:
            headers["Content-Type"] = case.content_type
        url = f"{self._base_url}/{case.path}"
        request = self._client.build_request(case.method, url, params=params, headers=headers, content=content)
        return request, self._curl(request, token)

    def _curl(self, request: httpx.Request, token: str) -> str:
        shown = token if token == UNKNOWN_TOKEN else _TOKEN_SHOWN
        parts = [f"curl -X {request.method} '{str(request.url).replace(quote(token, safe=''), shown)}'"]
        for name, value in request.headers.items():
            if name.lower() in ("authorization", "content-type"):
                parts.append(f"-H '{name}: {value.replace(token, shown)}'")
        body = request.content.decode("utf-8", "replace").replace(quote(token, safe=""), shown)
        if body:
            parts.append(f"--data-binary '{body[:200]}'" + (f" (+{len(body) - 200} bytes)" if len(body) > 200 else ""))
        return " ".join(parts)[:_CURL_LIMIT]

    def _state(self) -> tuple[Reading | None, Reading | None]:
        return self._mine.profiles(), None if self._theirs is None else self._theirs.profiles()

    # --- judging --------------------------------------------------------------------------------

    def _run_one(self, case: EdgeCase) -> list[EdgeFailure]:
        before = self._state() if case.writes else None
        request, curl = self._request(case)
        response = self._pacer.send(lambda: self._client.send(request))
        found = self._judge(case, response)
        if case.writes and before is not None:
            found += self._state_problems(case, response, before)
        return [EdgeFailure(check, case.name, message, curl) for check, message in found]

    def _timed(self, judge: Callable[[], list[tuple[str, str]]]) -> list[tuple[str, str]]:
        started = time.perf_counter()
        try:
            return judge()
        finally:
            self._judging += time.perf_counter() - started

    def _judge(self, case: EdgeCase, response: httpx.Response) -> list[tuple[str, str]]:
        return self._timed(lambda: _judgement(case, response, self._table, self._documented))

    def _state_problems(
        self, case: EdgeCase, response: httpx.Response, before: tuple[Reading | None, Reading | None]
    ) -> list[tuple[str, str]]:
        after = self._state()
        target = case.path.split("/")[1] if case.path.startswith("profiles/") else ""
        success = 200 <= response.status_code < 300
        problems: list[tuple[str, str]] = []
        for owner, was, now in zip(("user's", "other user's"), before, after, strict=True):
            left_out = target if success else ""
            changed = changed_profiles(schedules_by_profile(was, left_out), schedules_by_profile(now, left_out))
            if changed:
                check = "updates_touch_only_their_profile" if success else "rejected_update_changes_nothing"
                problems.append(
                    (
                        check,
                        f"Answered {response.status_code}, yet the {owner} profile(s) {', '.join(changed)} changed.",
                    )
                )
        if success and case.expect is Expect.ACCEPTED and case.form is not None:
            reading = self._mine.schedules(target)
            if reading.body != case.form.get("schedules"):
                problems.append(
                    (
                        "schedules_read_your_writes",
                        f"Answered {response.status_code}, but reads back {reading.describe()}",
                    )
                )
        return problems


def _documented_statuses(raw_schema: Mapping[str, Any]) -> dict[str, set[int]]:
    documented: dict[str, set[int]] = {}
    for item in raw_schema["paths"].values():
        for operation in item.values():
            if isinstance(operation, Mapping) and "operationId" in operation:
                statuses = {int(status) for status in operation.get("responses", {}) if str(status).isdigit()}
                documented[str(operation["operationId"])] = statuses
    return documented


def _judgement(
    case: EdgeCase, response: httpx.Response, table: dict[int, frozenset[int]], documented: dict[str, set[int]]
) -> list[tuple[str, str]]:
    status = response.status_code
    content_type = response.headers.get("content-type")
    problems = [
        (check, problem)
        for check, problem in (
            ("responses_are_json", json_problem(status, content_type, response.content)),
            ("error_code_matches_status", error_code_problem(status, content_type, response.content, table)),
            ("unauthorized_carries_a_challenge", challenge_problem(status, response.headers.get("www-authenticate"))),
            ("retry_after_is_seconds", retry_after_problem(status, response.headers.get("retry-after"))),
        )
        if problem is not None
    ]
    expected = _expectation_problem(case, status, error_code(response), documented.get(case.operation or "", set()))
    if expected is not None:
        problems.append(expected)
    return problems


def _expectation_problem(case: EdgeCase, status: int, code: Any, documented: set[int]) -> tuple[str, str] | None:
    success = 200 <= status < 300
    two_places = len(case.token_in) > 1
    if status == 429:  # documented everywhere, and no verdict on the case: the server throttles this run
        return RATE_LIMITED, (
            "The server answered 429 (rate limited): pace the run with REQUESTS_PER_MINUTE (--requests-per-minute), "
            "which also waits out each 429's Retry-After."
        )
    if case.expect is Expect.ACCEPTED and not success and (status, code) != _SCHEDULE_LIMIT:
        check = "token_placements_agree" if case.token_in != (Token.HEADER,) else "valid_edges_are_accepted"
        return check, f"A valid request was answered {status} (code {code}); it must succeed."
    if case.expect is Expect.REJECTED and (success or status >= 500 or status not in documented):
        return "invalid_edges_are_rejected", (
            f"An invalid request was answered {status}; it must be refused with one of the operation's documented "
            f"4xx statuses ({', '.join(map(str, sorted(s for s in documented if s >= 400)))})."
        )
    if case.expect is Expect.SAFE and (status >= 500 or status not in documented):
        return "server_choice_edges_are_safe", (
            f"A request that breaks only a reference-server choice was answered {status}; any documented status "
            f"({', '.join(map(str, sorted(documented)))}) would do, a 5xx or an undocumented one does not."
        )
    if case.expect is Expect.UNKNOWN_ENDPOINT and not 400 <= status < 500:
        return "unknown_endpoints_are_refused", f"An endpoint the spec does not have was answered {status}, not a 4xx."
    if case.expect is Expect.REFUSED:
        allowed = status == 401 or (not two_places and (status, code) == (403, 1001))
        if not allowed:
            check = "token_placements_agree" if two_places else "missing_or_unknown_tokens_are_refused"
            answer = "401" if two_places else "401, or 403 with code 1001"
            return check, f"The request was answered {status} (code {code}); it must be refused with {answer}."
    return None
