"""Under steady writes the WAL still starts over: a checkpoint that falls behind is finished with writes paused."""

import asyncio
import sqlite3
import threading
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message

from buffer_profiles_testkit.server.checkpoints import BackgroundCheckpoints, CheckpointResult, WritePause
from buffer_profiles_testkit.server.demo import DEMO_PROFILE_ID, DEMO_TOKEN, DEMO_USER_ID
from buffer_profiles_testkit.server.endpoints import ProfilesApi
from buffer_profiles_testkit.server.limits import DEFAULT_FORM_LIMITS
from buffer_profiles_testkit.server.spec import load_spec
from buffer_profiles_testkit.server.store import Store
from buffer_profiles_testkit.server.update_form import UpdateFormChecker

MONDAY_AT = [[{"days": ["mon"], "times": ["10:00"]}], [{"days": ["mon"], "times": ["10:05"]}]]
WRITES_DURING_THE_FIRST_CHECKPOINT = 50


def frames_in_log(db_path: Path) -> int:
    """The WAL's length in frames, as another connection sees it."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    try:
        log_frames: int = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
        return log_frames
    finally:
        connection.close()


class CheckpointsOvertaken(BackgroundCheckpoints):
    """Its first checkpoint returns only once the writer has written more: the log has grown past it."""

    def __init__(self, path: Path, max_log_frames: int) -> None:
        super().__init__(path, max_log_frames=max_log_frames)
        self.overtaken = threading.Event()
        self.results: list[CheckpointResult] = []

    def _checkpoint(self) -> CheckpointResult:
        result = super()._checkpoint()
        self.results.append(result)
        if len(self.results) == 1:
            assert self.overtaken.wait(timeout=30)  # a guard against a hang, not a speed check
        return result


async def write_while_checkpointing(store: Store, checkpoints: CheckpointsOvertaken) -> None:
    """Write through the pause, as the update endpoint does, until the checkpoint returns; then write once more."""
    running = asyncio.create_task(checkpoints.checkpoint())
    written = 0
    while not running.done():
        await checkpoints.writes.passed()
        store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MONDAY_AT[written % 2])
        written += 1
        if written == WRITES_DURING_THE_FIRST_CHECKPOINT:
            checkpoints.overtaken.set()
        await asyncio.sleep(0)
    await running
    store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MONDAY_AT[written % 2])


def open_store(db_path: Path, writes: int) -> Store:
    store = Store(db_path)
    store.leave_checkpoints_to_others()
    for index in range(writes):
        assert store.replace_schedules(DEMO_USER_ID, DEMO_PROFILE_ID, MONDAY_AT[index % 2])
    return store


def checkpoint_overtaken(db_path: Path, writes_before: int, max_log_frames: int) -> tuple[list[CheckpointResult], int]:
    """One checkpoint overtaken by writes: its results, and the log's length after the write that follows."""
    store = open_store(db_path, writes_before)
    checkpoints = CheckpointsOvertaken(db_path, max_log_frames)
    try:
        asyncio.run(write_while_checkpointing(store, checkpoints))
        return checkpoints.results, frames_in_log(db_path)
    finally:
        checkpoints.close()
        store.close()


def test_a_long_log_overtaken_by_writes_is_finished_with_writes_paused_and_starts_over(db_path: Path) -> None:
    (first, second), frames = checkpoint_overtaken(db_path, writes_before=300, max_log_frames=100)

    assert first.log_frames >= 300
    assert first.copied_frames == first.log_frames
    # The first left the frames written during it; the second, with writes paused, copied those too.
    assert second.log_frames >= first.log_frames + WRITES_DURING_THE_FIRST_CHECKPOINT
    assert second.copied_frames == second.log_frames
    assert frames <= 2  # the log started over: it holds only the writes made since (the waiting one, the last)


def test_a_short_log_is_left_to_the_next_round_and_writes_never_wait(db_path: Path) -> None:
    results, frames = checkpoint_overtaken(db_path, writes_before=30, max_log_frames=1_000)

    assert len(results) == 1
    assert frames > WRITES_DURING_THE_FIRST_CHECKPOINT  # it grows until the log is long enough to matter


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
    update = api.authenticated(api.update_profile_schedules)
    body = b"schedules[0][days][]=sat&schedules[0][times][]=08:15"

    async def answer(request: Request) -> Response:
        return await update(request)

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
