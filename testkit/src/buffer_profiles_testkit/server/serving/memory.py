"""Keep the memory of large answers for the next one, instead of returning it to the kernel each time.

glibc's malloc serves a block of more than 128 KiB (its default threshold) with a fresh mapping,
and gives it back on free; a list of 10,000 profiles (4.8 MB) then costs a page fault for every
4 KiB of each of its buffers on every request. Measured on the store alone (getrusage, median of
20 reads of that list): 4,630 page faults and 17-20 ms per read by default, 230 faults and 7 ms
with freed memory kept. The cost is that the process holds on to what its largest answers needed
(tens of MB at most: bodies and lists are bounded). Elsewhere than glibc this does nothing.
"""

import ctypes
import ctypes.util
import logging

_M_TRIM_THRESHOLD = -1  # mallopt parameters, from glibc's malloc.h
_M_MMAP_THRESHOLD = -3
_HEAP_BLOCK_BYTES = 32 * 1024 * 1024  # glibc's largest allowed threshold on 64-bit systems
_KEPT_FREE_BYTES = 64 * 1024 * 1024
_logger = logging.getLogger("uvicorn.error")


def keep_freed_memory() -> bool:
    """Serve blocks under 32 MiB from the heap and keep up to 64 MiB of it free; True if glibc took both."""
    library = ctypes.util.find_library("c")
    if library is None:
        return False
    try:
        mallopt = ctypes.CDLL(library).mallopt
    except (OSError, AttributeError):
        return False  # not glibc
    taken = bool(mallopt(_M_MMAP_THRESHOLD, _HEAP_BLOCK_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEPT_FREE_BYTES))
    if not taken:
        _logger.info("malloc tuning not applied; large answers will cost more page faults")
    return taken
