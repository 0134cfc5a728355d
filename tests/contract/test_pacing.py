"""Pacing spaces requests 60/N seconds apart and sends a 429 again after its Retry-After (a fake clock: no waiting)."""

from dataclasses import dataclass, field

from buffer_profiles_testkit.contract.pacing import (
    BUFFER_REQUESTS_PER_MINUTE,
    BUFFER_WINDOW_SECONDS,
    MAX_RETRIES,
    Pacer,
    retry_after_seconds,
)


@dataclass
class FakeClock:
    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


@dataclass
class Answer:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)


def _pacer(per_minute: int | None, clock: FakeClock) -> Pacer:
    return Pacer(per_minute, clock=clock.time, sleep=clock.sleep)


def test_requests_wait_for_their_turn() -> None:
    clock = FakeClock()
    pacer = _pacer(30, clock)

    for _ in range(3):
        pacer.send(lambda: Answer(200))

    assert clock.slept == [2.0, 2.0]  # 60 s / 30 requests, the first one at once


def test_a_429_is_sent_again_after_its_retry_after() -> None:
    clock = FakeClock()
    pacer = _pacer(6000, clock)
    answers = iter([Answer(429, {"Retry-After": "7"}), Answer(200)])

    answer = pacer.send(lambda: next(answers))

    assert answer.status_code == 200
    assert sum(clock.slept) >= 7


def test_a_retry_after_that_is_not_seconds_is_left_to_the_checks() -> None:
    pacer = _pacer(6000, FakeClock())
    sent: list[int] = []

    def throttled() -> Answer:
        sent.append(1)
        return Answer(429, {"Retry-After": "soon"})

    assert pacer.send(throttled).status_code == 429
    assert len(sent) == 1


def test_a_server_that_keeps_throttling_gets_its_429_back_after_a_few_tries() -> None:
    pacer = _pacer(6000, FakeClock())
    sent: list[int] = []

    def throttled() -> Answer:
        sent.append(1)
        return Answer(429, {"Retry-After": "1"})

    assert pacer.send(throttled).status_code == 429
    assert len(sent) == MAX_RETRIES + 1


def test_unpaced_nothing_waits_until_a_429_which_paces_the_run_at_buffers_rate() -> None:
    clock = FakeClock()
    pacer = _pacer(None, clock)
    answers = iter([Answer(200), Answer(200), Answer(429, {"Retry-After": "30"}), Answer(200), Answer(200)])

    for _ in range(4):
        assert pacer.send(lambda: next(answers)).status_code == 200

    assert clock.slept == [30.0, 1.0]  # the 429's wait, then Buffer's 60 a minute
    assert pacer.per_minute == BUFFER_REQUESTS_PER_MINUTE
    assert pacer.throttled == 1


def test_a_429_without_retry_after_waits_buffers_minute() -> None:
    clock = FakeClock()
    pacer = _pacer(None, clock)
    answers = iter([Answer(429), Answer(200)])

    assert pacer.send(lambda: next(answers)).status_code == 200
    assert clock.slept == [BUFFER_WINDOW_SECONDS]


def test_an_asked_rate_stays_after_a_429() -> None:
    pacer = _pacer(6000, FakeClock())
    answers = iter([Answer(429, {"Retry-After": "0"}), Answer(200)])

    pacer.send(lambda: next(answers))

    assert pacer.per_minute == 6000


def test_retry_after_is_read_as_whole_seconds_only() -> None:
    assert retry_after_seconds("12") == 12
    assert retry_after_seconds(" 0 ") == 0
    assert retry_after_seconds("1.5") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") is None
    assert retry_after_seconds(None) is None
