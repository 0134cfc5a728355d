"""The suite's command line, for programs that run it in a process of its own (benchmarks, tests)."""

import sys


def contract_command(base_url: str, *options: str) -> list[str]:
    """``buffer-profiles-contract --base-url BASE_URL OPTIONS...``, run by this interpreter."""
    return [sys.executable, "-m", "buffer_profiles_testkit.contract", "--base-url", base_url, *options]
