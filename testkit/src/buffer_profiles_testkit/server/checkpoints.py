"""WAL checkpoints in a worker thread, so that no request waits for the disk.

In WAL mode a commit only appends to the log; copying the log back into the database file (a
checkpoint, with the file system syncs it needs) is the one slow step of a write, and SQLite runs
it inside whichever commit fills the log past its threshold: on the event loop. The server turns
that off on its own connection and checkpoints from a second connection off the loop instead.
"""

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path

CHECKPOINT_INTERVAL_SECONDS = 1.0
_logger = logging.getLogger("uvicorn.error")


class BackgroundCheckpoints:
    def __init__(self, path: Path, interval: float = CHECKPOINT_INTERVAL_SECONDS) -> None:
        self._interval = interval
        # Used by one worker thread at a time, never concurrently: each call awaits the previous one.
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    async def run(self) -> None:
        """Checkpoint every ``interval`` seconds until cancelled."""
        while True:
            await asyncio.sleep(self._interval)
            try:
                await asyncio.to_thread(self._checkpoint)
            except sqlite3.Error as error:
                # The next request that writes meets the same problem and names it; one line here.
                _logger.warning("WAL checkpoint failed: %s", error)

    def _checkpoint(self) -> None:
        # PASSIVE: copy what no reader still needs, wait for no one; writers carry on meanwhile.
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
