"""The ``buffer-profiles-contract`` command: the contract suite, when its extra is installed.

The suite needs schemathesis (and so hypothesis), which the plain test kit leaves out so that a
project's every pytest run does not load their plugins; without them the command says in one
sentence how to add them, instead of failing with an ImportError deep in the suite.
"""

import importlib.util
import sys

from buffer_profiles_testkit.contract.run import exit_codes

EXTRA_MODULES = ("schemathesis", "hypothesis")
INSTALL_EXTRA = "pip install 'buffer-profiles-testkit[contract]'"


def main(argv: list[str] | None = None) -> int:
    missing = [name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"buffer-profiles-contract: the contract suite needs {' and '.join(missing)}, which come with the"
            f" test kit's contract extra: {INSTALL_EXTRA}",
            file=sys.stderr,
        )
        return exit_codes.EXTRA_MISSING
    from buffer_profiles_testkit.contract.__main__ import main as run_suite

    return run_suite(argv)
