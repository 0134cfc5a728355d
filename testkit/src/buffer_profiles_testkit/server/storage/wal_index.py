"""Whether anyone committed to a WAL database since we last looked, read without a system call.

In WAL mode every connection, of any process, publishes each commit in the wal-index header at
the start of the database's ``-shm`` file, which SQLite maps into the memory of each process that
opens the database (format: https://www.sqlite.org/walformat.html, section 2.1). The header
changes with every commit, and its ``iChange`` (offset 8, native byte order) counts commits. It
is kept twice, the second copy written first: two copies that differ are a header being written.
Mapping the same file lets the server compare those bytes with what it saw before, for the cost
of a memory read, where a statement costs a transaction with its locks.

The file exists, at its full size, while the server's own connection is open; SQLite truncates it
only when the first connection opens the database, which the server's open connection prevents.
"""

import mmap
import struct
from pathlib import Path

_HEADER_BYTES = 48  # each copy
_WAL_INDEX_VERSION = 3007000  # iVersion, the header's first field: the only format there has been
_FIELDS = struct.Struct("=III")  # iVersion, unused, iChange


class WalIndex:
    def __init__(self, map_: mmap.mmap) -> None:  # or any bytes of the same layout
        self._map = map_

    @classmethod
    def open(cls, db_path: Path) -> "WalIndex | None":
        """The wal-index of the open WAL database ``db_path``; None if it has none this can read."""
        try:
            # Beside the file itself: SQLite follows a symbolic link to the database before naming it.
            with open(f"{db_path.resolve()}-shm", "rb") as shm:
                map_ = mmap.mmap(shm.fileno(), 2 * _HEADER_BYTES, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None  # no such file, or shorter than a header: not a WAL database in use
        index = cls(map_)
        header = index.header()
        if header is None or _FIELDS.unpack_from(header)[0] != _WAL_INDEX_VERSION:
            index.close()
            return None
        return index

    def header(self) -> bytes | None:
        """The current header, None while a commit writes it: equal bytes mean no commit in between."""
        try:
            copies = self._map[: 2 * _HEADER_BYTES]
        except ValueError:
            return None  # closed: the server is stopping
        first = copies[:_HEADER_BYTES]
        return first if first == copies[_HEADER_BYTES:] else None

    def close(self) -> None:
        self._map.close()


def commits_between(before: bytes, after: bytes) -> int:
    """How many commits separate two headers (the counter is 32 bits and wraps)."""
    commits: int = (_FIELDS.unpack_from(after)[2] - _FIELDS.unpack_from(before)[2]) % 2**32
    return commits
