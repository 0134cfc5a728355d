"""The server keeps freed memory for its next large answer (server/serving/memory.py)."""

import platform
import resource

import pytest

from buffer_profiles_testkit.server.serving.memory import keep_freed_memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="tunes glibc's malloc only")
def test_a_large_block_freed_and_taken_again_faults_no_new_pages() -> None:
    assert keep_freed_memory() is True
    size = 8 * 1024 * 1024  # about the buffers of a list of 10,000 profiles
    bytearray(size)  # the heap grows to hold it once, and keeps it after it is freed
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(5):
        bytearray(size)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    # Untuned, glibc maps and unmaps such blocks, or trims the heap after them: 2,047 faults here.
    assert faults < 256
