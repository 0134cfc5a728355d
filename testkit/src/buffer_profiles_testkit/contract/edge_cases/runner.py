"""Send the explicit edge cases (``edge_cases``) and judge each answer by what its case expects.

Every answer also goes through the judgements the schemathesis checks apply (error shape, error
code, `success` in an error, the 401 challenge, Retry-After). Each write is bracketed by readings of
both users' profile lists (the reading after one write is the reading before the next: the suite is
the account's only writer): a refused write changes nothing; an accepted one changes only the
schedules of its own profile, which read back as sent, and says `"success": true`. A failure names
the check, the case and a curl command with the token as a variable; a case whose answer, or a
reading it needs, never came (a 429 past the retries, no answer) is not verified, never failed.
"""

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

import httpx
from buffer_profiles_client.bracket_form import encode_bracket_form

from buffer_profiles_testkit.contract.api_reader import (
    OTHER_TOKEN_ENV,
    REQUEST_TIMEOUT_SECONDS,
    TOKEN_ENV,
    ApiReader,
    Reading,
)
from buffer_profiles_testkit.contract.checks.case_facts import UPDATE_SCHEDULES
from buffer_profiles_testkit.contract.checks.judgements import (
    SCHEDULE_LIMIT_CODE,
    accepted_update_problem,
    challenge_problem,
    error_code_problem,
    error_success_problem,
    json_problem,
    retry_after_problem,
    update_was_refused,
)
from buffer_profiles_testkit.contract.edge_cases.credentials import describe, escaped_name, rendered
from buffer_profiles_testkit.contract.edge_cases.model import FORM_MEDIA_TYPE, EdgeCase, Expect, Token, Whose
from buffer_profiles_testkit.contract.not_verified import NotVerified
from buffer_profiles_testkit.contract.pacing import PACING_ADVICE, Pacer
from buffer_profiles_testkit.contract.run.account import (
    SingleProfileViews,
    changes_by_profile,
    fields_changed_in,
    is_listing,
)
from buffer_profiles_testkit.contract.run.preflight import error_code
from buffer_profiles_testkit.contract.spec_facts import error_statuses_by_code

UNKNOWN_TOKEN = "contract-suite-unknown-token"
_CURL_LIMIT = 600
_FOREIGN_PROFILE_ANSWERS = {(404, 1010), (403, 1011)}
_TOKEN_VARIABLES = {Whose.USER: TOKEN_ENV, Whose.OTHER: OTHER_TOKEN_ENV}
State = tuple[Reading | None, Reading | None]  # the user's and the other user's profile lists


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
    not_verified: list[NotVerified] = field(default_factory=list)
    skipped: int = 0  # cases that need BUFFER_OTHER_ACCESS_TOKEN, in a run without it
    throttled: int = 0  # 429s answered to the cases and their readings, waited out or not


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
        self._tokens = {Whose.USER: token, Whose.OTHER: other_token or "", Whose.UNKNOWN: UNKNOWN_TOKEN}
        self._has_other = other_token is not None
        self._pacer = pacer
        self._client = httpx.Client(timeout=REQUEST_TIMEOUT_SECONDS, follow_redirects=False)
        self._mine = ApiReader(base_url, token, TOKEN_ENV, pacer)
        self._theirs = None if other_token is None else ApiReader(base_url, other_token, OTHER_TOKEN_ENV, pacer)
        self._table = error_statuses_by_code(raw_schema)
        self._documented = _documented_statuses(raw_schema)
        self._token_parameter = _token_parameter(raw_schema)
        self._state_now: State | None = None
        self._views = SingleProfileViews()
        self._not_verified: list[NotVerified] = []

    def close(self) -> None:
        for client in (self._mine, self._theirs):
            if client is not None:
                client.close()
        self._client.close()

    def run(self, cases: Iterable[EdgeCase]) -> EdgeReport:
        started = time.perf_counter()
        failures: list[EdgeFailure] = []
        count = skipped = 0
        self._judging = 0.0
        throttled_before = self._pacer.throttled
        pending = list(cases)
        for index, case in enumerate(pending):
            if case.needs_other_token and not self._has_other:
                skipped += 1
                continue
            count += 1
            failures += self._run_one(case)
            if self._not_verified and self._not_verified[-1].check == _THROTTLED:
                rest = len(pending) - index - 1  # the server keeps throttling: the rest would be too
                if rest:
                    reason = f"not sent: the server kept answering 429 ({PACING_ADVICE})"
                    self._not_verified.append(NotVerified(_THROTTLED, f"{rest} more edge case(s)", reason))
                break
        throttled = self._pacer.throttled - throttled_before
        seconds = time.perf_counter() - started
        return EdgeReport(count, seconds, failures, self._judging, self._not_verified, skipped, throttled)

    # --- sending --------------------------------------------------------------------------------

    def _request(self, case: EdgeCase) -> tuple[httpx.Request, str]:
        headers: dict[bytes, bytes] = {}
        query: list[str] = []
        body_parameters: list[str] = []
        shown_headers: list[str] = []
        for credential in case.credentials:
            name, value = rendered(credential, self._tokens[credential.whose], self._token_parameter)
            shown = _shown_credential(credential)
            if credential.place is Token.HEADER:
                headers[name.encode("ascii")] = value.encode("latin-1")  # a no-break space travels as one byte
                shown_headers.append(f"-H '{name}: {shown}'")
            elif credential.place is Token.QUERY:
                query.append(f"{name}={value}")
            else:
                body_parameters.append(f"{escaped_name(name) if case.form_escaped else name}={value}")
        content = case.content
        shown_body = ""
        if case.form is not None:
            form = encode_bracket_form(case.form)
            if case.form_escaped:  # the same pairs, every reserved character escaped (urlencode's way)
                form = urlencode(parse_qsl(form, keep_blank_values=True))
            elif case.form_values_escaped:
                pairs = parse_qsl(form, keep_blank_values=True)
                form = "&".join(f"{name}={quote(value, safe='')}" for name, value in pairs)
            content = "&".join(part for part in (form, *body_parameters) if part).encode("utf-8")
            content += case.extra_form.encode("utf-8")
            shown_body = "&".join(part for part in (form, *_shown_parameters(case, Token.BODY)) if part)
            shown_body += case.extra_form
            headers[b"Content-Type"] = FORM_MEDIA_TYPE.encode("ascii")
        elif case.content_type is not None:
            headers[b"Content-Type"] = case.content_type.encode("ascii")
        url = f"{self._base_url}/{case.path}" + ("?" + "&".join(query) if query else "")
        request = self._client.build_request(case.method, url, headers=headers, content=content)
        if case.content is not None:
            shown_body = case.content.decode("utf-8", "replace")
        shown_query = "&".join(_shown_parameters(case, Token.QUERY))
        shown_url = f"{self._base_url}/{case.path}" + (f"?{shown_query}" if shown_query else "")
        parts = [f"curl -X {case.method} '{shown_url}'", *shown_headers]
        if b"Content-Type" in headers:
            parts.append(f"-H 'Content-Type: {headers[b'Content-Type'].decode()}'")
        if shown_body:
            extra = f" (+{len(shown_body) - 200} bytes)" if len(shown_body) > 200 else ""
            parts.append(f"--data-binary '{shown_body[:200]}'{extra}")
        return request, " ".join(parts)[:_CURL_LIMIT]

    def _state(self) -> State:
        return self._mine.profiles(), None if self._theirs is None else self._theirs.profiles()

    # --- judging --------------------------------------------------------------------------------

    def _run_one(self, case: EdgeCase) -> list[EdgeFailure]:
        before = None
        if case.writes:
            before = self._state_now if self._state_now is not None else self._state()
            target = _target(case)
            if target:
                self._views.remember(self._mine, target)
        request, curl = self._request(case)
        try:
            response = self._pacer.send(lambda: self._client.send(request))
        except httpx.TransportError as error:
            self._state_now = None  # a write may or may not have happened
            self._unverified(case, f"no answer ({type(error).__name__}: {error})")
            return []
        if response.status_code == 429:
            self._state_now = None
            self._not_verified.append(
                NotVerified(_THROTTLED, case.name, f"answered 429 past the retries; {PACING_ADVICE}")
            )
            return [EdgeFailure(c, case.name, m, curl) for c, m in self._judge(case, response)]
        found = self._judge(case, response)
        if before is not None:
            found += self._state_problems(case, response, before)
        return [EdgeFailure(check, case.name, message, curl) for check, message in found]

    def _unverified(self, case: EdgeCase, reason: str) -> None:
        self._not_verified.append(NotVerified(case.check or case.expect.name.lower(), case.name, reason))

    def _timed(self, judge: Callable[[], list[tuple[str, str]]]) -> list[tuple[str, str]]:
        started = time.perf_counter()
        try:
            return judge()
        finally:
            self._judging += time.perf_counter() - started

    def _judge(self, case: EdgeCase, response: httpx.Response) -> list[tuple[str, str]]:
        return self._timed(lambda: _judgement(case, response, self._table, self._documented))

    def _state_problems(self, case: EdgeCase, response: httpx.Response, before: State) -> list[tuple[str, str]]:
        after = self._state()
        self._state_now = after
        readings = [*before, *after]
        if not all(is_listing(reading) for reading in readings if reading is not None) or None in (before[0], after[0]):
            self._unverified(case, f"a profile list read to judge it was not answered 200 ({_statuses(before, after)})")
            return []
        target = _target(case)
        applied = not update_was_refused(response.status_code, response.content)
        problems: list[tuple[str, str]] = []
        for owner, was, now in zip(("user's", "other user's"), before, after, strict=True):
            # an applied update's own profile is judged below (updates_change_only_the_schedules)
            changed = changes_by_profile(was, now, target if applied else "")
            if changed:
                check = "updates_touch_only_their_profile" if applied else "rejected_update_changes_nothing"
                named = "; ".join(f"{profile}: {', '.join(what)}" for profile, what in changed.items())
                problems.append(
                    (check, f"Answered {response.status_code}, yet the {owner} profile(s) changed ({named}).")
                )
        if applied and (listed := fields_changed_in(before[0], after[0], target)):
            problems.append(_other_fields_problem(response, listed, after[0]))
        if applied and case.expect is Expect.ACCEPTED and case.form is not None:
            problems += self._applied_problems(case, response, target)
        return problems

    def _applied_problems(self, case: EdgeCase, response: httpx.Response, target: str) -> list[tuple[str, str]]:
        assert case.form is not None
        problems: list[tuple[str, str]] = []
        reading = self._mine.schedules(target)
        if reading.unanswered:
            self._unverified(case, f"reading its schedules back was answered {reading.status or 'nothing'}")
        elif reading.body != case.form.get("schedules"):
            problems.append(
                ("schedules_read_your_writes", f"Answered {response.status_code}, but reads back {reading.describe()}")
            )
        compared = self._views.compare(self._mine, target)
        if compared is not None:
            changed, after = compared
            if after.status != 200:
                self._unverified(case, f"reading the profile back was answered {after.status or 'nothing'}")
            elif changed:
                problems.append(_other_fields_problem(response, changed, after))
        return problems


def _other_fields_problem(response: httpx.Response, changed: list[str], after: Reading | None) -> tuple[str, str]:
    shown = after.describe() if after is not None else ""
    return (
        "updates_change_only_the_schedules",
        f"Answered {response.status_code}, yet the profile's {', '.join(changed)} changed: {shown}",
    )


_THROTTLED = "not_rate_limited"


def _target(case: EdgeCase) -> str:
    return case.path.split("/")[1] if case.path.startswith("profiles/") and case.operation else ""


def _statuses(*states: State) -> str:
    return ", ".join(str(reading.status or "no answer") for state in states for reading in state if reading is not None)


def _shown_credential(credential: Any) -> str:
    """How a credential shows in a curl command: the token as its variable, edits named, never its value."""
    variable = (
        "$" + _TOKEN_VARIABLES.get(credential.whose, "") if credential.whose is not Whose.UNKNOWN else UNKNOWN_TOKEN
    )
    plain = credential.edit == "as issued" and credential.wire == "as usual"
    token = variable if plain else f"<{describe(credential).rsplit(' in the ', 1)[0].replace('token', variable, 1)}>"
    return f"Bearer {token}" if credential.place is Token.HEADER and credential.name is None else token


def _shown_parameters(case: EdgeCase, place: Token) -> list[str]:
    shown = []
    for credential in case.credentials:
        if credential.place is place:
            name = credential.name or "access_token"
            name = escaped_name(name) if case.form_escaped and place is Token.BODY else name
            shown.append(f"{name}={_shown_credential(credential)}")
    return shown


def _token_parameter(raw_schema: Mapping[str, Any]) -> str:
    schemes = raw_schema.get("components", {}).get("securitySchemes", {})
    names = [s["name"] for s in schemes.values() if s.get("type") == "apiKey" and s.get("in") == "query"]
    return str(names[0]) if names else "access_token"


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
            ("error_bodies_say_success_false", error_success_problem(status, content_type, response.content)),
            ("unauthorized_carries_a_challenge", challenge_problem(status, response.headers.get("www-authenticate"))),
            ("retry_after_is_seconds", retry_after_problem(status, response.headers.get("retry-after"))),
        )
        if problem is not None
    ]
    if status == 429:
        return problems  # documented everywhere, and no verdict on the case itself: it is not verified
    expected = _expectation_problem(case, response, documented.get(case.operation or "", set()))
    if expected is not None:
        problems.append(expected)
    return problems


def _expectation_problem(case: EdgeCase, response: httpx.Response, documented: set[int]) -> tuple[str, str] | None:
    status, code = response.status_code, error_code(response)
    writes_form = case.operation == UPDATE_SCHEDULES and case.method == "POST"
    refused = update_was_refused(status, response.content) if writes_form else not 200 <= status < 300
    two_places = len(case.token_in) > 1
    if case.expect is Expect.ACCEPTED:
        if writes_form and 200 <= status < 300:  # a 200 saying `"success": false` is this check's, whatever the case
            problem = accepted_update_problem(status, response.content)
            return None if problem is None else ("accepted_updates_say_success_true", problem)
        if refused and code != SCHEDULE_LIMIT_CODE:
            return case.check or "valid_edges_are_accepted", (
                f"A valid request was answered {status} (code {code}); it must succeed."
            )
        return None
    if case.expect is Expect.REJECTED and (not refused or status >= 500 or status not in documented):
        return case.check or "invalid_edges_are_rejected", (
            f"An invalid request was answered {status}; it must be refused with one of the operation's documented "
            f"4xx statuses ({', '.join(map(str, sorted(s for s in documented if s >= 400)))}), or, as Buffer was "
            'recorded refusing updates, a 200 saying "success": false.'
        )
    if case.expect is Expect.SAFE and (status >= 500 or status not in documented):
        return case.check or "server_choice_edges_are_safe", (
            f"A request whose answer the contract leaves to the server was answered {status}; any documented status "
            f"({', '.join(map(str, sorted(documented)))}) would do, a 5xx or an undocumented one does not."
        )
    if case.expect is Expect.UNKNOWN_ENDPOINT and not 400 <= status < 500:
        return "unknown_endpoints_are_refused", f"An endpoint the spec does not have was answered {status}, not a 4xx."
    if case.expect is Expect.REFUSED:
        allowed = status == 401 or (not two_places and (status, code) == (403, 1001))
        if not allowed:
            answer = "401" if two_places else "401, or 403 with code 1001"
            return case.check or "missing_or_unknown_tokens_are_refused", (
                f"The request was answered {status} (code {code}); it must be refused with {answer}."
            )
    if case.expect is Expect.FOREIGN and (status, code) not in _FOREIGN_PROFILE_ANSWERS:
        return case.check or "other_users_profiles_are_hidden", (
            f"Another user's token on this user's profile was answered {status} (code {code}); it must be refused "
            "as that profile is to that user: 404 with code 1010, or 403 with code 1011."
        )
    return None
