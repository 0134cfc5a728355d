"""WAL checkpoints in a worker thread, so that no request waits for the disk, and a WAL that stays bounded.

In WAL mode a commit only appends to the log; copying the log back into the database file (a
checkpoint, with the file system syncs it needs) is the one slow step of a write, and SQLite runs
it inside whichever commit fills the log past its threshold: on the event loop. The server turns
that off on its own connection and checkpoints from a second connection off the loop instead.

A checkpoint that runs while writes go on cannot finish: it copies the frames that were there when
it began, and the log has grown meanwhile. SQLite starts the log over only at a write that finds
every frame copied, so under steady writes that never happens and the log grows without end (an
update a millisecond added 14 MB a second). When a checkpoint leaves more than
``max_log_frames`` behind, a second one follows at once with this process's writes paused: it has
only the frames written during the first to copy, so it finishes, and the next write starts the log
over (cut back to :data:`~server.storage.store.WAL_SIZE_LIMIT_BYTES`). Reads go on throughout; writes wait
for that short second checkpoint only, on the event loop without blocking it.
"""

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

CHECKPOINT_INTERVAL_SECONDS = 1.0
MAX_LOG_FRAMES = 1024  # 4 MiB of 4 KiB pages: well past what a second of ordinary use writes
_logger = logging.getLogger("uvicorn.error")


class WritePause:
    """Holds this process's writes while a checkpoint catches up with the log."""

    def __init__(self) -> None:
        self._resumed: asyncio.Event | None = None

    async def passed(self) -> None:
        """Return once writes may go; the caller writes before it awaits anything else."""
        if self._resumed is not None:
            await self._resumed.wait()

    @contextlib.contextmanager
    def holding(self) -> Iterator[None]:
        self._resumed = asyncio.Event()
        try:
            yield
        finally:
            self._resumed.set()
            self._resumed = None


class CheckpointResult(NamedTuple):
    busy: bool  # another connection kept it from finishing
    log_frames: int  # in the log when it began
    copied_frames: int  # of those, now in the database file


class BackgroundCheckpoints:
    def __init__(
        self, path: Path, interval: float = CHECKPOINT_INTERVAL_SECONDS, max_log_frames: int = MAX_LOG_FRAMES
    ) -> None:
        self._interval = interval
        self._max_log_frames = max_log_frames
        self.writes = WritePause()
        # Used by one worker thread at a time, never concurrently: each call awaits the previous one.
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._in_use = threading.Lock()

    async def run(self) -> None:
        """Checkpoint every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.checkpoint()
            except sqlite3.Error as error:
                # The next request that writes meets the same problem and names it; one line here.
                _logger.warning("WAL checkpoint failed: %s", error)

    async def checkpoint(self) -> CheckpointResult:
        """Copy the log into the database; if that leaves a long log behind, finish it with writes paused."""
        result = await asyncio.to_thread(self._checkpoint_in_use)
        # Frames written while it ran are in neither count, so a complete result says nothing of them.
        if result.log_frames > self._max_log_frames:
            with self.writes.holding():
                result = await asyncio.to_thread(self._checkpoint_in_use)
        return result

    def _checkpoint_in_use(self) -> CheckpointResult:
        with self._in_use:
            return self._checkpoint()

    def _checkpoint(self) -> CheckpointResult:
        # PASSIVE: copy what no reader still needs, wait for no one.
        busy, log_frames, copied_frames = self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        return CheckpointResult(bool(busy), log_frames, copied_frames)

    def close(self) -> None:
        # Cancelling run() leaves a checkpoint already in its thread running: closing the connection
        # under it would crash the process. A checkpoint queued after this fails with an error instead.
        with self._in_use, contextlib.suppress(sqlite3.Error):
            self._db.close()
