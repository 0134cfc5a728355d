"""Under steady writes the WAL still starts over: a checkpoint that falls behind is finished with writes paused."""

import asyncio
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.endpoints import ProfilesApi
from buffer_profiles_testkit.server.forms.limits import DEFAULT_FORM_LIMITS
from buffer_profiles_testkit.server.forms.validation import UpdateFormChecker
from buffer_profiles_testkit.server.spec import load_spec
from buffer_profiles_testkit.server.storage.checkpoints import BackgroundCheckpoints, CheckpointResult, WritePause
from buffer_profiles_testkit.server.storage.store import Store

MONDAY_AT = [[{"days": ["mon"], "times": ["10:00"]}], [{"days": ["mon"], "times": ["10:05"]}]]


def frames_in_log(db_path: Path) -> int:
    """The WAL's length in frames, as another connection sees it."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        log_frames: int = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
        return log_frames
    finally:
        connection.close()


def write(store: Store, times: int) -> None:
    for index in range(times):
        assert store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MONDAY_AT[index % 2])


def open_store(db_path: Path, writes: int) -> Store:
    store = Store(db_path)
    store.leave_checkpoints_to_others()
    write(store, writes)
    return store


class RecordedCheckpoints(BackgroundCheckpoints):
    """Keeps each round's result, and runs ``after_first_round`` in the worker thread after the first."""

    def __init__(self, path: Path, max_log_frames: int, after_first_round: Callable[[], None] = lambda: None) -> None:
        super().__init__(path, max_log_frames=max_log_frames)
        self.results: list[CheckpointResult] = []
        self._after_first_round = after_first_round

    def _checkpoint(self) -> CheckpointResult:
        result = super()._checkpoint()
        self.results.append(result)
        if len(self.results) == 1:
            self._after_first_round()
        return result


def checkpoint_once(
    db_path: Path, max_log_frames: int, after_first_round: Callable[[], None] = lambda: None
) -> list[CheckpointResult]:
    checkpoints = RecordedCheckpoints(db_path, max_log_frames, after_first_round)
    try:
        asyncio.run(checkpoints.checkpoint())
    finally:
        checkpoints.close()
    return checkpoints.results


def test_a_checkpoint_that_could_not_copy_everything_is_finished_by_a_second_and_the_log_starts_over(
    db_path: Path,
) -> None:
    """As under steady writes, where frames keep arriving while a checkpoint copies; here a reader
    holds the first round back instead, so that the test does not depend on timing."""
    store = open_store(db_path, 300)
    reader = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM profiles").fetchone()  # keeps the log as it is now: 300 frames
    write(store, 50)
    try:
        results = checkpoint_once(db_path, max_log_frames=100, after_first_round=reader.close)
        write(store, 1)
        frames = frames_in_log(db_path)
    finally:
        store.close()

    assert frames == 1  # the write after it started the log over; without the second round, 351
    first, second = results
    assert first.copied_frames < first.log_frames  # frames the reader still needed were left
    assert second.copied_frames == second.log_frames


@pytest.mark.parametrize(
    ("frames", "max_log_frames", "rounds"),
    [
        # Frames written during a round are in neither of its counts, so a long log always gets a second.
        pytest.param(300, 100, 2, id="a long log: two rounds"),
        pytest.param(30, 1_000, 1, id="a short log: one round"),
    ],
)
def test_rounds_follow_the_logs_length_even_when_the_first_copied_everything_it_saw(
    db_path: Path, frames: int, max_log_frames: int, rounds: int
) -> None:
    store = open_store(db_path, frames)
    try:
        results = checkpoint_once(db_path, max_log_frames)
    finally:
        store.close()

    assert results[0].copied_frames == results[0].log_frames  # complete, as far as it can tell
    assert len(results) == rounds


class SlowCheckpoints(BackgroundCheckpoints):
    """Each checkpoint takes a fifth of a second, and says what became of it."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.started = threading.Event()
        self.outcomes: list[CheckpointResult | Exception] = []

    def _checkpoint(self) -> CheckpointResult:
        self.started.set()
        time.sleep(0.2)  # long enough for close() to come in the meantime; nothing here is timed
        try:
            result = super()._checkpoint()
        except sqlite3.Error as error:
            self.outcomes.append(error)
            raise
        self.outcomes.append(result)
        return result


def test_closing_waits_for_a_checkpoint_still_running_in_its_thread(db_path: Path) -> None:
    """Stopping the server cancels the checkpoint task, but not its thread: the connection it uses
    must not be closed under it (that crashed the process with a segmentation fault)."""
    store = open_store(db_path, 10)
    checkpoints = SlowCheckpoints(db_path)

    async def stop_during_a_checkpoint() -> None:
        running = asyncio.create_task(checkpoints.checkpoint())
        await asyncio.to_thread(checkpoints.started.wait, 30)
        running.cancel()
        checkpoints.close()  # as the server's lifespan does once the task is cancelled
        await asyncio.gather(running, return_exceptions=True)

    try:
        asyncio.run(stop_during_a_checkpoint())
    finally:
        store.close()

    assert len(checkpoints.outcomes) == 1
    assert isinstance(checkpoints.outcomes[0], CheckpointResult)  # it finished on an open connection


def test_the_store_cuts_a_restarted_log_back_to_its_limit(db_path: Path) -> None:
    wal = Path(f"{db_path}-wal")
    store = open_store(db_path, 1_500)  # 6 MB of log
    try:
        grown = wal.stat().st_size
        frames_in_log(db_path)  # copies every frame: the next write starts the log over
        store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MONDAY_AT[0])
        after = wal.stat().st_size
    finally:
        store.close()

    assert grown > 5_000_000
    assert after <= 4 * 1024 * 1024


def update_request(body: bytes) -> Request:
    headers = [
        (b"authorization", f"Bearer {DEMO_TOKEN}".encode()),
        (b"content-type", b"application/x-www-form-urlencoded"),
    ]

    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    scope = {
        "type": "http",
        "method": "POST",
        "headers": headers,
        "query_string": b"",
        "path_params": {"id": DEMO_PROFILE_ID},
    }
    return Request(scope, receive)


def test_an_update_waits_while_writes_are_paused_and_then_is_written(db_path: Path) -> None:
    store = Store(db_path)
    api = ProfilesApi(UpdateFormChecker(load_spec()), DEFAULT_FORM_LIMITS, None)
    pause = WritePause()
    api.open(store, None, pause)
    update = api.endpoint("update_profile_schedules", api.update_profile_schedules)
    body = b"schedules[0][days][]=sat&schedules[0][times][]=08:15"

    async def answer(request: Request) -> Response:
        response = await update(request)
        assert isinstance(response, Response)
        return response

    async def update_across_a_pause() -> tuple[bool, object, int]:
        with pause.holding():
            answered = asyncio.create_task(answer(update_request(body)))
            for _ in range(20):
                await asyncio.sleep(0)
            done_while_paused = answered.done()
            stored_while_paused = store.get_schedules(DEMO_USER_ID, DEMO_PROFILE_ID)
        response = await answered
        return done_while_paused, stored_while_paused, response.status_code

    try:
        done_while_paused, stored_while_paused, status = asyncio.run(update_across_a_pause())
        after = store.get_schedules(DEMO_USER_ID, DEMO_PROFILE_ID)
    finally:
        store.close()

    assert done_while_paused is False
    assert stored_while_paused != [{"days": ["sat"], "times": ["08:15"]}]
    assert status == 200
    assert after == [{"days": ["sat"], "times": ["08:15"]}]
